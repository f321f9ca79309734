import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { ReactionType } from '@app/contracts';

/** One reader's reaction to one comment: the key makes a second one impossible. */
@Entity({ tableName: 'reaction' })
export class Reaction {
  @PrimaryKey({ type: 'uuid' })
  commentId!: string;

  @PrimaryKey({ type: 'text' })
  readerId!: string;

  @Property({ type: 'text' })
  type!: ReactionType;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;
}
