import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { isEmail, IsString, Length, ValidateBy, ValidationArguments } from 'class-validator';
import { cleanText } from '../validation/text-safety';
import { OptionalNotNull } from '../validation/optional-not-null.decorator';
import { SingleLine } from '../validation/single-line.decorator';
import { SUBMISSION_TEXT_LIMITS } from './submission.limits';

export { SUBMISSION_TEXT_LIMITS };

/** A phone number as people write it: digits with an optional leading +, spaces, dashes, dots, brackets. */
export const PHONE_PATTERN = /^\+?[0-9][0-9 ().-]{2,39}$/;

/** Free text a submitter or moderator writes: NFC, control and bidi characters removed, trimmed. */
export function normaliseSubmissionText(value: string): string {
  return cleanText(value.normalize('NFC')).trim();
}

const NormalisedText = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normaliseSubmissionText(value) : value,
  );

interface TextFieldOptions {
  max: number;
  optional?: boolean;
  singleLine?: boolean;
  description?: string;
}

/** A text field of a submission: cleaned, then 1 to `max` characters. */
export const SubmissionTextField = (options: TextFieldOptions) =>
  applyDecorators(
    ApiProperty({
      required: !options.optional,
      minLength: 1,
      maxLength: options.max,
      description: options.description,
    }),
    ...(options.optional ? [OptionalNotNull()] : []),
    NormalisedText(),
    IsString(),
    Length(1, options.max),
    ...(options.singleLine ? [SingleLine()] : []),
  );

const CONTACT_REQUIRED = 'give an email address or a phone number';

/**
 * `email`: optional, but a submission needs an email or a phone to be answered; the rule is checked
 * here, so the problem document names `email`.
 */
export const SubmitterEmailField = () =>
  applyDecorators(
    ApiProperty({
      required: false,
      format: 'email',
      maxLength: SUBMISSION_TEXT_LIMITS.emailMaxLength,
      description: 'An email or a phone is required',
    }),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    ValidateBy({
      name: 'submitterEmail',
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => emailProblem(value, args) === undefined,
        defaultMessage: (args?: ValidationArguments) => emailProblem(args?.value, args) ?? '',
      },
    }),
  );

function emailProblem(value: unknown, args?: ValidationArguments): string | undefined {
  if (value === undefined) {
    const phone = (args?.object as { phone?: unknown } | undefined)?.phone;
    return phone === undefined ? CONTACT_REQUIRED : undefined;
  }
  if (typeof value !== 'string') return 'email must be a string';
  if (value.length > SUBMISSION_TEXT_LIMITS.emailMaxLength) {
    return `email must be at most ${SUBMISSION_TEXT_LIMITS.emailMaxLength} characters`;
  }
  return isEmail(value) ? undefined : 'email must be an email address';
}

export const SubmitterPhoneField = () =>
  applyDecorators(
    ApiProperty({
      required: false,
      maxLength: SUBMISSION_TEXT_LIMITS.phoneMaxLength,
      pattern: PHONE_PATTERN.source,
      description: 'An email or a phone is required',
    }),
    OptionalNotNull(),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    Length(1, SUBMISSION_TEXT_LIMITS.phoneMaxLength),
    ValidateBy({
      name: 'isPhone',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && PHONE_PATTERN.test(value),
        defaultMessage: () => 'phone must be digits, with an optional leading +, spaces, dashes or brackets',
      },
    }),
  );
