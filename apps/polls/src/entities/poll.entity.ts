import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { ResultsVisibility } from '@app/contracts';

/**
 * A poll's definition. Status is not stored: it follows from `opensAt` and `closesAt` (an explicit close
 * sets `closesAt` to the moment of closing). `closedEventAt` records that `poll.closed` went to the
 * outbox, so the event is written once however many copies of the service watch the clock.
 */
@Entity({ tableName: 'poll' })
@Index({ name: 'poll_archive_idx', properties: ['createdAt', 'id'] })
export class Poll {
  [OptionalProps]?: 'createdAt' | 'closedEventAt' | 'closesAt' | 'articleId';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  question!: string;

  @Property({ type: 'boolean' })
  multipleChoice!: boolean;

  @Property({ type: 'smallint' })
  maxChoices!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  opensAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  closesAt?: Date | null;

  @Property({ type: 'text' })
  resultsVisibility!: ResultsVisibility;

  @Property({ type: 'text' })
  placement!: string;

  @Property({ type: 'text', nullable: true })
  articleId?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', defaultRaw: 'now()' })
  createdAt!: Date;

  @Property({ type: 'text' })
  createdBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  closedEventAt?: Date | null;
}
