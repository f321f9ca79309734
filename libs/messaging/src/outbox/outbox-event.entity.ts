import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { EventEnvelope } from '@app/contracts';

/**
 * An event written in the same transaction as the change it reports, waiting for the relay to put it
 * on JetStream. The table lives in the service's own schema (from the ORM configuration).
 */
@Entity({ tableName: 'outbox_event' })
@Index({
  name: 'outbox_event_unpublished_idx',
  expression:
    'create index "outbox_event_unpublished_idx" on "outbox_event" ("created_at") where "published_at" is null',
})
@Index({
  name: 'outbox_event_published_idx',
  expression:
    'create index "outbox_event_published_idx" on "outbox_event" ("published_at") where "published_at" is not null',
})
export class OutboxEvent {
  [OptionalProps]?: 'requestId' | 'publishedAt' | 'attempts' | 'lastError';

  /** The event id: also the `Nats-Msg-Id` the relay publishes under. */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'text' })
  subject!: string;

  /** The whole envelope, exactly as it is published. */
  @Property({ type: 'json' })
  payload!: EventEnvelope;

  @Property({ type: 'text', nullable: true })
  requestId?: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  publishedAt?: Date;

  @Property({ type: 'integer', default: 0 })
  attempts = 0;

  @Property({ type: 'text', nullable: true })
  lastError?: string;
}
