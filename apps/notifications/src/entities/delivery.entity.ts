import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { DeliveryChannelName, DeliveryStatus } from '@app/contracts';

/**
 * One message to one recipient on one channel. Workers claim due rows with a lease, send outside any
 * transaction, and record the outcome; `address` of a reader is cleared once the message is sent.
 */
@Entity({ tableName: 'delivery' })
@Unique({ name: 'delivery_event_recipient_channel_key', properties: ['eventId', 'recipientKey', 'channel'] })
@Index({
  name: 'delivery_due_idx',
  expression: `create index delivery_due_idx on notifications.delivery (next_attempt_at) where status = 'pending'`,
})
@Index({
  name: 'delivery_recent_idx',
  expression: 'create index delivery_recent_idx on notifications.delivery (status, created_at desc, id desc)',
})
@Index({
  name: 'delivery_newest_idx',
  expression: 'create index delivery_newest_idx on notifications.delivery (created_at desc, id desc)',
})
@Index({
  name: 'delivery_recipient_idx',
  expression: `create index delivery_recipient_idx on notifications.delivery (recipient_key) where status = 'pending'`,
})
export class Delivery {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'text' })
  eventType!: string;

  /** `staff:<id>`, `reader:<email hash>`, `submitter:<submission id>`, `webhook:<endpoint id>`. */
  @Property({ type: 'text' })
  recipientKey!: string;

  @Property({ type: 'text' })
  channel!: DeliveryChannelName;

  @Property({ type: 'text', nullable: true })
  address: string | null = null;

  @Property({ type: 'text' })
  template!: string;

  @Property({ type: 'text' })
  locale!: string;

  @Property({ type: 'json' })
  params!: Record<string, unknown>;

  @Property({ type: 'text' })
  status!: DeliveryStatus;

  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  nextAttemptAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  leaseUntil: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  leaseToken: string | null = null;

  @Property({ type: 'text', nullable: true })
  lastDetail: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  sentAt: Date | null = null;
}
