import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, Matches, MaxLength } from 'class-validator';
import { cleanText } from '../validation/text-safety';
import { OptionalNotNull } from '../validation/optional-not-null.decorator';
import { SingleLine } from '../validation/single-line.decorator';

export const COMMENT_LIMITS = {
  bodyMaxLength: 5000,
  authorNameMaxLength: 80,
  authorEmailMaxLength: 254,
  articleTitleMaxLength: 300,
  articleUrlMaxLength: 2048,
  reasonMaxLength: 500,
  flagNoteMaxLength: 500,
  /** Top-level comments have depth 1; deeper replies attach to the depth-3 ancestor. */
  maxDepth: 3,
  countsMaxArticles: 100,
  /** Posts the gateway may send in one message (PostCommentsRequest). */
  postBatchMax: 100,
  wordListMaxItems: 500,
  wordMaxLength: 64,
  maxLinksMax: 100,
  editWindowMinutesMax: 1440,
  autoCloseDaysMax: 3650,
  flagThresholdMax: 1000,
  /** Reader ids are keyed hashes (base64url); staff see them in the queue and send them back. */
  readerIdPattern: /^[A-Za-z0-9_-]{1,128}$/,
} as const;

/**
 * Free text a reader writes: Unicode NFC, control and bidi-override characters removed, trimmed; what
 * is left is stored as written and only ever rendered as text.
 */
export function normaliseCommentText(value: string): string {
  return cleanText(value.normalize('NFC')).trim();
}

const NormalisedText = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normaliseCommentText(value) : value,
  );

interface FieldOptions {
  optional?: boolean;
}

const optionality = (options: FieldOptions) => (options.optional ? [OptionalNotNull()] : []);

export const CommentBodyField = () =>
  applyDecorators(
    ApiProperty({ minLength: 1, maxLength: COMMENT_LIMITS.bodyMaxLength, description: 'Plain text' }),
    NormalisedText(),
    IsString(),
    Length(1, COMMENT_LIMITS.bodyMaxLength),
  );

export const AuthorNameField = (options: FieldOptions = {}) =>
  applyDecorators(
    ApiProperty({ required: !options.optional, minLength: 1, maxLength: COMMENT_LIMITS.authorNameMaxLength }),
    ...optionality(options),
    NormalisedText(),
    IsString(),
    Length(1, COMMENT_LIMITS.authorNameMaxLength),
    SingleLine(),
  );

export const AuthorEmailField = () =>
  applyDecorators(
    ApiProperty({ required: false, format: 'email', maxLength: COMMENT_LIMITS.authorEmailMaxLength }),
    OptionalNotNull(),
    IsString(),
    MaxLength(COMMENT_LIMITS.authorEmailMaxLength),
    IsEmail(),
  );

export const ReasonField = (options: FieldOptions = {}) =>
  applyDecorators(
    ApiProperty({ required: !options.optional, minLength: 1, maxLength: COMMENT_LIMITS.reasonMaxLength }),
    ...optionality(options),
    NormalisedText(),
    IsString(),
    Length(1, COMMENT_LIMITS.reasonMaxLength),
    SingleLine(),
  );

export const ReaderIdField = () =>
  applyDecorators(
    ApiProperty({ pattern: COMMENT_LIMITS.readerIdPattern.source }),
    IsString(),
    Matches(COMMENT_LIMITS.readerIdPattern),
  );
