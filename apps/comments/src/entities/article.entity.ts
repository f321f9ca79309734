import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { ModerationMode } from '@app/contracts';

/**
 * An article that has comments or settings: its settings, its published-comment count, and the row
 * every post and every close takes a lock on, so a post and a close are ordered, never interleaved.
 */
@Entity({ tableName: 'article' })
export class Article {
  [OptionalProps]?: 'closed' | 'mode' | 'total' | 'firstCommentAt';

  @PrimaryKey({ type: 'text' })
  articleId!: string;

  @Property({ type: 'boolean', default: false })
  closed = false;

  /** null: the site's mode. */
  @Property({ type: 'text', nullable: true })
  mode: ModerationMode | null = null;

  /** Published comments of the article. */
  @Property({ type: 'integer', default: 0 })
  total = 0;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  firstCommentAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt!: Date;
}
