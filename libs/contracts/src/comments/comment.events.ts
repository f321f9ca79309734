import { Type } from 'class-transformer';
import {
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Min,
  ValidateNested,
} from 'class-validator';
import { EventType } from '../events/event-type';
import {
  DECISION_ACTIONS,
  DecisionAction,
  FLAG_REASONS,
  FlagReason,
  HOLD_REASONS,
  HoldReason,
} from './comment.model';

/** Whom to tell of a reply: present only when the answered comment's author asked for it. */
export class CommentReplyNoticeV1 {
  @IsEmail()
  email: string;

  @IsString()
  name: string;

  @IsIn(['ru', 'en'])
  locale: 'ru' | 'en';
}

/** A comment became visible to readers (posted in post-moderation, or approved). */
@EventType('comment.published', 1, { publisher: 'comments' })
export class CommentPublishedV1 {
  @IsUUID()
  commentId: string;

  @IsString()
  articleId: string;

  @IsOptional()
  @IsString()
  articleTitle?: string;

  @IsOptional()
  @IsString()
  articleUrl?: string;

  @IsOptional()
  @IsUUID()
  parentId: string | null;

  @IsOptional()
  @IsUUID()
  replyToId: string | null;

  @IsString()
  authorName: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => CommentReplyNoticeV1)
  notify?: CommentReplyNoticeV1;
}

/** A comment was held for a moderator, with why. */
@EventType('comment.held', 1, { publisher: 'comments' })
export class CommentHeldV1 {
  @IsUUID()
  commentId: string;

  @IsString()
  articleId: string;

  @IsArray()
  @IsIn(HOLD_REASONS, { each: true })
  reasons: HoldReason[];
}

/** Readers' flags on a comment reached the threshold: it left public view until a moderator decides. */
@EventType('comment.flagged', 1, { publisher: 'comments' })
export class CommentFlaggedV1 {
  @IsUUID()
  commentId: string;

  @IsString()
  articleId: string;

  @IsInt()
  @Min(1)
  flags: number;

  @IsArray()
  @IsIn(FLAG_REASONS, { each: true })
  reasons: FlagReason[];
}

/** A moderator decided on a comment. */
@EventType('comment.decided', 1, { publisher: 'comments' })
export class CommentDecidedV1 {
  @IsUUID()
  commentId: string;

  @IsString()
  articleId: string;

  @IsIn(DECISION_ACTIONS)
  action: DecisionAction;

  @IsOptional()
  @IsString()
  reason?: string;

  @IsString()
  moderatorId: string;
}
