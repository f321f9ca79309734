import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { FlagReason } from '@app/contracts';

/** One reader's flag on one comment: the key makes a second one impossible. */
@Entity({ tableName: 'flag' })
export class Flag {
  @PrimaryKey({ type: 'uuid' })
  commentId!: string;

  @PrimaryKey({ type: 'text' })
  readerId!: string;

  @Property({ type: 'text' })
  reason!: FlagReason;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;
}
