import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** One entry of a staff member's in-app feed. */
@Entity({ tableName: 'notification' })
@Unique({ name: 'notification_event_staff_key', properties: ['eventId', 'staffId'] })
@Index({
  name: 'notification_feed_idx',
  expression:
    'create index notification_feed_idx on notifications.notification (staff_id, created_at desc, id desc)',
})
@Index({
  name: 'notification_unread_idx',
  expression:
    'create index notification_unread_idx on notifications.notification (staff_id, created_at desc, id desc) where read_at is null',
})
export class Notification {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  staffId!: string;

  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'text', nullable: true })
  link: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  readAt: Date | null = null;
}
