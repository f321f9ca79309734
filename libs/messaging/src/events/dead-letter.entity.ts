import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** An event a consumer gave up on after its last allowed delivery, kept for a person to look at. */
@Entity({ tableName: 'dead_letter' })
@Unique({ name: 'dead_letter_consumer_event_key', properties: ['consumer', 'eventId'] })
@Index({
  name: 'dead_letter_newest_idx',
  expression: 'create index "dead_letter_newest_idx" on "dead_letter" ("created_at" desc, "id" desc)',
})
export class DeadLetter {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  consumer!: string;

  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'text' })
  subject!: string;

  /** Null when the message was no event envelope. */
  @Property({ type: 'text', nullable: true })
  type?: string | null;

  @Property({ type: 'json' })
  payload!: unknown;

  @Property({ type: 'text' })
  error!: string;

  @Property({ type: 'integer' })
  deliveries!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;
}
