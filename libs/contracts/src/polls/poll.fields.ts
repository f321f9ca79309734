import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ARTICLE_ID_PATTERN } from '../common/article-id';
import { IsTimestamp } from '../validation/timestamp.decorator';
import { OptionalNotNull } from '../validation/optional-not-null.decorator';
import { SingleLine } from '../validation/single-line.decorator';
import { RESULTS_VISIBILITIES } from './poll.model';

export const POLL_LIMITS = {
  questionMaxLength: 300,
  optionMaxLength: 200,
  minOptions: 2,
  maxOptions: 20,
  placementPattern: /^[a-z0-9_-]{1,64}$/,
  /** Votes in one `polls.vote.cast_many` message at most. */
  voteBatchMax: 100,
} as const;

/**
 * The rules of each poll field, in one place: a draft, a change and the list queries take the same
 * field with the same rule, only required or not, and with or without a default.
 */
interface FieldOptions {
  optional?: boolean;
  /** Documented default, for a field the service fills in when it is left out. */
  default?: unknown;
  /** `null` is accepted (it clears the value). */
  nullable?: boolean;
}

/** Left out means "unchanged" or "the default"; only a field documented as nullable takes `null`. */
const absence = (options: FieldOptions) => (options.nullable ? IsOptional() : OptionalNotNull());
const optionality = (options: FieldOptions) => (options.optional ? [absence(options)] : []);

export const QuestionField = (options: FieldOptions = {}) =>
  applyDecorators(
    ApiProperty({ required: !options.optional, minLength: 1, maxLength: POLL_LIMITS.questionMaxLength }),
    ...optionality(options),
    IsString(),
    Length(1, POLL_LIMITS.questionMaxLength),
    SingleLine(),
  );

export const MultipleChoiceField = (options: FieldOptions = {}) =>
  applyDecorators(ApiProperty({ required: false, default: options.default }), absence(options), IsBoolean());

export const MaxChoicesField = () =>
  applyDecorators(
    ApiProperty({ required: false, minimum: 1, maximum: POLL_LIMITS.maxOptions }),
    OptionalNotNull(),
    IsInt(),
    Min(1),
    Max(POLL_LIMITS.maxOptions),
  );

export const DateTimeField = (options: FieldOptions = {}) =>
  applyDecorators(
    ApiProperty({ required: false, type: String, format: 'date-time', nullable: options.nullable }),
    absence(options),
    IsTimestamp(),
  );

export const ResultsVisibilityField = (options: FieldOptions = {}) =>
  applyDecorators(
    ApiProperty({ required: false, enum: RESULTS_VISIBILITIES, default: options.default }),
    absence(options),
    IsIn(RESULTS_VISIBILITIES),
  );

export const PlacementField = (options: FieldOptions = {}) =>
  applyDecorators(
    ApiProperty({ required: false, default: options.default, pattern: POLL_LIMITS.placementPattern.source }),
    absence(options),
    Matches(POLL_LIMITS.placementPattern),
  );

export const ArticleIdField = (options: FieldOptions = {}) =>
  applyDecorators(
    ApiProperty({
      required: false,
      type: String,
      nullable: options.nullable,
      pattern: ARTICLE_ID_PATTERN.source,
    }),
    absence(options),
    Matches(ARTICLE_ID_PATTERN),
  );
