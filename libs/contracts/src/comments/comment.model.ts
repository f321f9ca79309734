import { ApiProperty } from '@nestjs/swagger';

export const COMMENT_STATUSES = ['published', 'pending', 'hidden', 'rejected', 'deleted'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export const COMMENT_SORTS = ['newest', 'oldest', 'top'] as const;
export type CommentSort = (typeof COMMENT_SORTS)[number];

export const MODERATION_MODES = ['pre', 'post'] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];

export const REACTION_TYPES = ['like'] as const;
export type ReactionType = (typeof REACTION_TYPES)[number];

export const FLAG_REASONS = ['spam', 'abuse', 'off_topic', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

export const DECISION_ACTIONS = ['approve', 'reject', 'feature', 'unfeature'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

export const MODERATION_QUEUES = ['pending', 'flagged', 'rejected', 'all'] as const;
export type ModerationQueue = (typeof MODERATION_QUEUES)[number];

/** Why the service held a comment for a moderator instead of publishing it. */
export const HOLD_REASONS = ['pre_moderation', 'suspect_word', 'links', 'rate', 'duplicate'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

export class CommentAuthorView {
  @ApiProperty({ description: 'Empty once the author was erased' }) name: string;
  @ApiProperty({ description: 'Written by a member of the newsroom' }) isStaff: boolean;
  @ApiProperty({ description: 'A portal reader signed in with the portal JWT' }) verified: boolean;
}

export class CommentReactionsView {
  @ApiProperty() like: number;
}

/** A comment as readers see it (API.md, Comments). A tombstone has `status: "deleted"` and an empty body. */
export class CommentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() articleId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The comment actually answered (differs from parentId below depth 3)',
  })
  replyToId: string | null;
  @ApiProperty({ minimum: 1, maximum: 3 }) depth: number;
  @ApiProperty({ type: CommentAuthorView }) author: CommentAuthorView;
  @ApiProperty() body: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) editedAt: string | null;
  @ApiProperty({ enum: COMMENT_STATUSES }) status: CommentStatus;
  @ApiProperty({ type: CommentReactionsView }) reactions: CommentReactionsView;
  @ApiProperty({ type: String, enum: REACTION_TYPES, nullable: true }) myReaction: ReactionType | null;
  @ApiProperty({ description: 'The caller wrote it (may edit or delete it)' }) mine: boolean;
  @ApiProperty() featured: boolean;
  @ApiProperty({ type: () => [CommentView], description: 'Oldest first' }) replies: CommentView[];
  @ApiProperty({ description: 'Published replies below this comment' }) repliesCount: number;
}

export class CommentListView {
  @ApiProperty({ type: [CommentView] }) items: CommentView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
  @ApiProperty({ description: 'Published comments of the article' }) total: number;
  @ApiProperty() closed: boolean;
}

export class CommentCountsView {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } })
  counts: Record<string, number>;
}

export class PostedCommentView {
  @ApiProperty({ type: CommentView }) comment: CommentView;
  @ApiProperty({ enum: ['published', 'pending'] }) status: 'published' | 'pending';
}

export class CommentFlagView {
  @ApiProperty({ enum: FLAG_REASONS }) reason: FlagReason;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CommentDecisionView {
  @ApiProperty({ enum: DECISION_ACTIONS }) action: DecisionAction;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty() moderatorId: string;
  @ApiProperty({ format: 'date-time' }) decidedAt: string;
}

export class ReaderBanView {
  @ApiProperty() readerId: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: for good' })
  until: string | null;
  @ApiProperty() reason: string;
  @ApiProperty() bannedBy: string;
  @ApiProperty({ format: 'date-time' }) bannedAt: string;
}

/** A comment as a moderator sees it: who wrote it, why it was held, the flags and every decision. */
export class ModerationCommentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() articleId: string;
  @ApiProperty({ type: String, nullable: true }) articleTitle: string | null;
  @ApiProperty({ type: String, nullable: true }) articleUrl: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId: string | null;
  @ApiProperty({ type: CommentAuthorView }) author: CommentAuthorView;
  @ApiProperty({ type: String, nullable: true }) authorEmail: string | null;
  @ApiProperty({ type: String, nullable: true }) readerId: string | null;
  @ApiProperty({
    type: ReaderBanView,
    nullable: true,
    description: "The author's ban in force when the queue was read; null: not banned",
  })
  authorBan: ReaderBanView | null;
  @ApiProperty({ type: String, nullable: true }) staffId: string | null;
  @ApiProperty() body: string;
  @ApiProperty({ enum: COMMENT_STATUSES }) status: CommentStatus;
  @ApiProperty() featured: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) editedAt: string | null;
  @ApiProperty({ type: [String], enum: HOLD_REASONS }) holdReasons: HoldReason[];
  @ApiProperty() likes: number;
  @ApiProperty() flagsCount: number;
  @ApiProperty({ type: [CommentFlagView] }) flags: CommentFlagView[];
  @ApiProperty({ type: [CommentDecisionView], description: 'Oldest first' }) decisions: CommentDecisionView[];
}

export class ModerationPageView {
  @ApiProperty({ type: [ModerationCommentView] }) items: ModerationCommentView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

/** How many comments wait in each moderation queue (`all` has no count: it is every comment). */
export class ModerationCountsView {
  @ApiProperty({ description: 'Held for a moderator' }) pending: number;
  @ApiProperty({ description: 'Flagged by readers and not yet approved (published or hidden)' })
  flagged: number;
  @ApiProperty() rejected: number;
}

export class CommentSettingsView {
  @ApiProperty({ enum: MODERATION_MODES }) mode: ModerationMode;
  @ApiProperty({ type: [String] }) bannedWords: string[];
  @ApiProperty({ type: [String] }) suspectWords: string[];
  @ApiProperty() maxLinks: number;
  @ApiProperty() editWindowMinutes: number;
  @ApiProperty() autoCloseDays: number;
  @ApiProperty() flagThreshold: number;
}

export class ArticleCommentSettingsView {
  @ApiProperty() articleId: string;
  @ApiProperty() closed: boolean;
  @ApiProperty({ type: String, enum: MODERATION_MODES, nullable: true, description: 'null: the site mode' })
  mode: ModerationMode | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When auto-close applies' })
  closesAt: string | null;
}
