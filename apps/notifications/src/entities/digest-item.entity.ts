import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** A held or flagged comment waiting for its moderator's digest window to close. */
@Entity({ tableName: 'digest_item' })
@Unique({ name: 'digest_item_event_staff_channel_key', properties: ['eventId', 'staffId', 'channel'] })
@Index({
  name: 'digest_item_waiting_idx',
  expression:
    'create index digest_item_waiting_idx on notifications.digest_item (window_start) where delivery_id is null',
})
export class DigestItem {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  staffId!: string;

  @Property({ type: 'text' })
  channel!: string;

  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'json' })
  summary!: Record<string, unknown>;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  windowStart!: Date;

  @Property({ type: 'uuid', nullable: true })
  deliveryId: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;
}
