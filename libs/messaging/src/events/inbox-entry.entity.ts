import { Entity, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/** Marks an event as handled by one consumer, so a redelivery or a re-publish is not handled twice. */
@Entity({ tableName: 'inbox_entry' })
export class InboxEntry {
  [PrimaryKeyProp]?: ['consumer', 'eventId'];

  /** The durable consumer's name. */
  @PrimaryKey({ type: 'text' })
  consumer!: string;

  @PrimaryKey({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  processedAt!: Date;
}
