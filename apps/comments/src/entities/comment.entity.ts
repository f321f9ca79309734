import { ArrayType, Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { CommentStatus, HoldReason } from '@app/contracts';

/**
 * One comment. Counters (likes, flags, published replies) are changed only by increments in the
 * transaction that changes what they count, never written back from memory.
 */
@Entity({ tableName: 'comment' })
@Index({
  name: 'comment_top_level_recent_idx',
  expression: `create index "comment_top_level_recent_idx" on "comment" ("article_id", "created_at", "id") where parent_id is null and status in ('published', 'deleted')`,
})
@Index({
  name: 'comment_top_level_liked_idx',
  expression: `create index "comment_top_level_liked_idx" on "comment" ("article_id", "likes", "created_at", "id") where parent_id is null and status in ('published', 'deleted')`,
})
@Index({
  name: 'comment_thread_idx',
  expression: `create index "comment_thread_idx" on "comment" ("thread_id", "created_at", "id") where parent_id is not null`,
})
// Only the queues that name a status read it (pending, rejected): published comments need no entry.
@Index({
  name: 'comment_status_idx',
  expression: `create index "comment_status_idx" on "comment" ("status", "created_at", "id") where status in ('pending', 'rejected')`,
})
@Index({
  name: 'comment_flagged_idx',
  expression: `create index "comment_flagged_idx" on "comment" ("created_at", "id") where flags_count > 0`,
})
@Index({ name: 'comment_created_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'comment_reader_idx', properties: ['readerId', 'createdAt'] })
export class Comment {
  [OptionalProps]?:
    | 'authorVerified'
    | 'authorIsStaff'
    | 'notifyOnReply'
    | 'locale'
    | 'holdReasons'
    | 'featured'
    | 'likes'
    | 'flagsCount'
    | 'repliesCount';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  articleId!: string;

  /** The top-level comment of the thread (its own id for a top-level one). */
  @Property({ type: 'uuid' })
  threadId!: string;

  @Property({ type: 'uuid', nullable: true })
  parentId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  replyToId: string | null = null;

  @Property({ type: 'smallint' })
  depth!: number;

  @Property({ type: 'text', nullable: true })
  readerId: string | null = null;

  @Property({ type: 'text', nullable: true })
  staffId: string | null = null;

  @Property({ type: 'text', nullable: true })
  addressHash: string | null = null;

  @Property({ type: 'text' })
  authorName!: string;

  @Property({ type: 'boolean', default: false })
  authorVerified = false;

  @Property({ type: 'boolean', default: false })
  authorIsStaff = false;

  /** Kept only so the author can be told of replies; erased with the author. */
  @Property({ type: 'text', nullable: true })
  authorEmail: string | null = null;

  @Property({ type: 'boolean', default: false })
  notifyOnReply = false;

  @Property({ type: 'text', default: 'ru' })
  locale = 'ru';

  @Property({ type: 'text' })
  body!: string;

  /** sha256 of the body, for the duplicate rule. */
  @Property({ type: 'text' })
  bodyHash!: string;

  @Property({ type: 'text' })
  status!: CommentStatus;

  @Property({ type: ArrayType, columnType: 'text[]', default: '{}' })
  holdReasons: HoldReason[] = [];

  @Property({ type: 'boolean', default: false })
  featured = false;

  @Property({ type: 'integer', default: 0 })
  likes = 0;

  @Property({ type: 'integer', default: 0 })
  flagsCount = 0;

  /** Published comments stored directly under this one. */
  @Property({ type: 'integer', default: 0 })
  repliesCount = 0;

  @Property({ type: 'text', nullable: true })
  articleTitle: string | null = null;

  @Property({ type: 'text', nullable: true })
  articleUrl: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  editedAt: Date | null = null;

  /** Set the first time it is published, so comment.published goes out once. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  publishedAt: Date | null = null;
}
