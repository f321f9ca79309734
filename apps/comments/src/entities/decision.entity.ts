import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { DecisionAction } from '@app/contracts';

/** The audit trail: who decided what about a comment, when and why. Rows are only ever added. */
@Entity({ tableName: 'decision' })
@Index({ name: 'decision_comment_idx', properties: ['commentId', 'decidedAt'] })
export class Decision {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  commentId!: string;

  @Property({ type: 'text' })
  action!: DecisionAction;

  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  @Property({ type: 'text' })
  moderatorId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  decidedAt!: Date;
}
