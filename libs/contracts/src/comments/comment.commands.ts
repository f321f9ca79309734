import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { ARTICLE_ID_PATTERN } from '../common/article-id';
import { PageLimitField, PageQuery } from '../common/page';
import { PAGE_CURSOR_REFUSAL, readPageCursor } from '../common/page-cursor';
import { WireError } from '../errors/wire-error';
import { Caller } from '../identity/caller';
import { OptionalNotNull } from '../validation/optional-not-null.decorator';
import { SingleLine } from '../validation/single-line.decorator';
import { IsTimestamp } from '../validation/timestamp.decorator';
import { readTopCursor } from './comment-top-cursor';
import {
  ArticleCommentSettingsView,
  COMMENT_SORTS,
  CommentSettingsView,
  CommentSort,
  CommentView,
  DECISION_ACTIONS,
  DecisionAction,
  FLAG_REASONS,
  FlagReason,
  MODERATION_MODES,
  MODERATION_QUEUES,
  ModerationCommentView,
  ModerationCountsView,
  ModerationMode,
  ModerationQueue,
  REACTION_TYPES,
  ReactionType,
  ReaderBanView,
} from './comment.model';
import {
  AuthorEmailField,
  AuthorNameField,
  COMMENT_LIMITS,
  CommentBodyField,
  ReaderIdField,
  ReasonField,
} from './comment.fields';
import { NestedContract } from '../validation/nested-contract.decorator';

export const COMMENT_LOCALES = ['ru', 'en'] as const;
export type CommentLocale = (typeof COMMENT_LOCALES)[number];

/** A time cursor for `newest`/`oldest`, a likes cursor for `top`; which sort it belongs to is checked by the service. */
const IsCommentCursor = () =>
  ValidateBy({
    name: 'isCommentCursor',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' &&
        (readPageCursor(value) !== undefined || readTopCursor(value) !== undefined),
      defaultMessage: () => PAGE_CURSOR_REFUSAL,
    },
  });

/** Query of `GET /api/v1/articles/:articleId/comments`. */
export class CommentListQuery {
  @ApiProperty({ required: false, enum: COMMENT_SORTS, default: 'newest' })
  @OptionalNotNull()
  @IsIn(COMMENT_SORTS)
  sort?: CommentSort;

  @ApiProperty({ required: false, description: 'Opaque cursor from the previous page of the same sort' })
  @OptionalNotNull()
  @IsString()
  @IsCommentCursor()
  cursor?: string;

  @PageLimitField()
  limit?: number;
}

/** Query of `GET /api/v1/comments/counts`: `articleIds=a,b,c` (a list is accepted too). */
export class CommentCountsQuery {
  @ApiProperty({
    type: String,
    description: `Comma-separated, up to ${COMMENT_LIMITS.countsMaxArticles} article ids`,
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : value))
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(COMMENT_LIMITS.countsMaxArticles)
  @IsString({ each: true })
  @Matches(ARTICLE_ID_PATTERN, { each: true })
  articleIds: string[];
}

/** Body of `POST /api/v1/articles/:articleId/comments`. */
export class NewComment {
  @CommentBodyField()
  body: string;

  @ApiProperty({ required: false, format: 'uuid', description: 'The comment answered' })
  @OptionalNotNull()
  @IsUUID()
  parentId?: string;

  /** Required of guests; a portal reader's name comes from the portal token and this is ignored. */
  @AuthorNameField({ optional: true })
  authorName?: string;

  @AuthorEmailField()
  authorEmail?: string;

  @ApiProperty({ required: false, default: false, description: 'Email the author when someone replies' })
  @OptionalNotNull()
  @IsBoolean()
  notifyOnReply?: boolean;

  @ApiProperty({
    required: false,
    enum: COMMENT_LOCALES,
    default: 'ru',
    description: 'Language of reply emails',
  })
  @OptionalNotNull()
  @IsIn(COMMENT_LOCALES)
  locale?: CommentLocale;

  @ApiProperty({ required: false, maxLength: COMMENT_LIMITS.articleTitleMaxLength })
  @OptionalNotNull()
  @IsString()
  @Length(1, COMMENT_LIMITS.articleTitleMaxLength)
  @SingleLine()
  articleTitle?: string;

  @ApiProperty({ required: false, maxLength: COMMENT_LIMITS.articleUrlMaxLength })
  @OptionalNotNull()
  @IsString()
  @MaxLength(COMMENT_LIMITS.articleUrlMaxLength)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  articleUrl?: string;
}

/** Body of `PATCH /api/v1/comments/:id`. */
export class CommentEdit {
  @CommentBodyField()
  body: string;
}

/** Body of `PUT /api/v1/comments/:id/reaction`. */
export class ReactionChoice {
  @ApiProperty({ enum: REACTION_TYPES })
  @IsIn(REACTION_TYPES)
  type: ReactionType;
}

/** Body of `POST /api/v1/comments/:id/flags`. */
export class CommentFlag {
  @ApiProperty({ enum: FLAG_REASONS })
  @IsIn(FLAG_REASONS)
  reason: FlagReason;

  @ReasonField({ optional: true })
  note?: string;
}

/** Query of `GET /api/v1/moderation/comments` (newest first). */
export class ModerationQueueQuery extends PageQuery {
  @ApiProperty({ required: false, enum: MODERATION_QUEUES, default: 'pending' })
  @OptionalNotNull()
  @IsIn(MODERATION_QUEUES)
  queue?: ModerationQueue;
}

/** Body of `POST /api/v1/moderation/comments/:id/decision`. */
export class CommentDecision {
  @ApiProperty({ enum: DECISION_ACTIONS })
  @IsIn(DECISION_ACTIONS)
  action: DecisionAction;

  @ReasonField({ optional: true })
  reason?: string;
}

/** Body of `POST /api/v1/moderation/readers/:readerId/ban`. */
export class ReaderBan {
  @ApiProperty({ required: false, type: String, format: 'date-time', description: 'Left out: for good' })
  @OptionalNotNull()
  @IsTimestamp()
  until?: string;

  @ReasonField()
  reason: string;
}

const WordListField = () => (target: object, key: string) => {
  ApiProperty({ required: false, type: [String], maxItems: COMMENT_LIMITS.wordListMaxItems })(target, key);
  OptionalNotNull()(target, key);
  IsArray()(target, key);
  ArrayMaxSize(COMMENT_LIMITS.wordListMaxItems)(target, key);
  IsString({ each: true })(target, key);
  Length(1, COMMENT_LIMITS.wordMaxLength, { each: true })(target, key);
  SingleLine({ each: true })(target, key);
  ArrayUnique()(target, key);
};

/** Body of `PUT /api/v1/moderation/comment-settings`: a field left out keeps its value. */
export class CommentSettingsChange {
  @ApiProperty({ required: false, enum: MODERATION_MODES })
  @OptionalNotNull()
  @IsIn(MODERATION_MODES)
  mode?: ModerationMode;

  @WordListField()
  bannedWords?: string[];

  @WordListField()
  suspectWords?: string[];

  @ApiProperty({ required: false, minimum: 0, maximum: COMMENT_LIMITS.maxLinksMax })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(COMMENT_LIMITS.maxLinksMax)
  maxLinks?: number;

  @ApiProperty({ required: false, minimum: 0, maximum: COMMENT_LIMITS.editWindowMinutesMax })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(COMMENT_LIMITS.editWindowMinutesMax)
  editWindowMinutes?: number;

  @ApiProperty({
    required: false,
    minimum: 0,
    maximum: COMMENT_LIMITS.autoCloseDaysMax,
    description: '0: never',
  })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(COMMENT_LIMITS.autoCloseDaysMax)
  autoCloseDays?: number;

  @ApiProperty({ required: false, minimum: 1, maximum: COMMENT_LIMITS.flagThresholdMax })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(COMMENT_LIMITS.flagThresholdMax)
  flagThreshold?: number;
}

/** Body of `PUT /api/v1/articles/:articleId/comment-settings`. */
export class ArticleCommentSettingsChange {
  @ApiProperty({ required: false })
  @OptionalNotNull()
  @IsBoolean()
  closed?: boolean;

  @ApiProperty({
    required: false,
    type: String,
    enum: MODERATION_MODES,
    nullable: true,
    description: 'null: the site mode',
  })
  @IsOptional()
  @IsIn(MODERATION_MODES)
  mode?: ModerationMode | null;
}

// ---- NATS requests: the HTTP inputs above plus who is asking ----

abstract class CallerRequest {
  @NestedContract(() => Caller)
  caller: Caller;
}

export class CommentsCallerRequest extends CallerRequest {}

export class ArticleRequest extends CallerRequest {
  @IsString()
  @Matches(ARTICLE_ID_PATTERN)
  articleId: string;
}

export class ListCommentsRequest extends ArticleRequest {
  @NestedContract(() => CommentListQuery)
  query: CommentListQuery;
}

export class CountCommentsRequest extends CallerRequest {
  @NestedContract(() => CommentCountsQuery)
  query: CommentCountsQuery;
}

export class PostCommentRequest extends ArticleRequest {
  @NestedContract(() => NewComment)
  comment: NewComment;
}

/**
 * Posts the gateway received at nearly the same moment, sent as one message: one round trip, one
 * decoding and one validation for all of them. Each post is still judged on its own and answered on
 * its own, in the order sent.
 */
export class PostCommentsRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(COMMENT_LIMITS.postBatchMax)
  @ValidateNested({ each: true })
  @Type(() => PostCommentRequest)
  posts: PostCommentRequest[];
}

export class CommentIdRequest extends CallerRequest {
  @IsUUID()
  commentId: string;
}

export class EditCommentRequest extends CommentIdRequest {
  @NestedContract(() => CommentEdit)
  edit: CommentEdit;
}

export class ReactToCommentRequest extends CommentIdRequest {
  @NestedContract(() => ReactionChoice)
  reaction: ReactionChoice;
}

export class FlagCommentRequest extends CommentIdRequest {
  @NestedContract(() => CommentFlag)
  flag: CommentFlag;
}

export class ModerationQueueRequest extends CallerRequest {
  @NestedContract(() => ModerationQueueQuery)
  query: ModerationQueueQuery;
}

export class DecideCommentRequest extends CommentIdRequest {
  @NestedContract(() => CommentDecision)
  decision: CommentDecision;
}

export class ReaderRequest extends CallerRequest {
  @ReaderIdField()
  readerId: string;
}

export class BanReaderRequest extends ReaderRequest {
  @NestedContract(() => ReaderBan)
  ban: ReaderBan;
}

export class UpdateCommentSettingsRequest extends CallerRequest {
  @NestedContract(() => CommentSettingsChange)
  settings: CommentSettingsChange;
}

export class UpdateArticleSettingsRequest extends ArticleRequest {
  @NestedContract(() => ArticleCommentSettingsChange)
  settings: ArticleCommentSettingsChange;
}

// ---- replies: already shaped for the caller in the request ----

export interface CommentListReply {
  items: CommentView[];
  nextCursor: string | null;
  total: number;
  closed: boolean;
}

export interface CommentCountsReply {
  counts: Record<string, number>;
}

export interface PostCommentReply {
  comment: CommentView;
  status: 'published' | 'pending';
}

/** One post of a batch: its reply, or the error it would have had alone. */
export type PostCommentOutcome = { reply: PostCommentReply } | { error: WireError };

export interface PostCommentsReply {
  /** One per post, in the order of the request. */
  outcomes: PostCommentOutcome[];
}

export interface CommentReply {
  comment: CommentView;
}

export interface CommentDeletedReply {
  commentId: string;
  /** `tombstone` when it stays as one (it has published replies), `removed` otherwise. */
  outcome: 'tombstone' | 'removed';
}

export interface ReactionReply {
  commentId: string;
  like: number;
  myReaction: ReactionType | null;
}

export interface FlagAcceptedReply {
  commentId: string;
  accepted: true;
}

export interface ModerationQueueReply {
  items: ModerationCommentView[];
  nextCursor: string | null;
}

export interface ModerationCountsReply {
  counts: ModerationCountsView;
}

export interface ModerationCommentReply {
  comment: ModerationCommentView;
}

export interface ReaderBanReply {
  ban: ReaderBanView;
}

export interface BanLiftedReply {
  readerId: string;
  lifted: boolean;
}

export interface CommentSettingsReply {
  settings: CommentSettingsView;
}

export interface ArticleCommentSettingsReply {
  settings: ArticleCommentSettingsView;
}

export interface ReaderErasedReply {
  readerId: string;
  /** Comments turned into tombstones or removed. */
  commentsErased: number;
}
