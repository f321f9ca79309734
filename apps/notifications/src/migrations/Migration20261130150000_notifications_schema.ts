import { Migration } from '@mikro-orm/migrations';

/**
 * The staff directory and its preferences, the in-app feed, deliveries with every attempt, digest
 * items waiting for their window, and the readers who unsubscribed (as keyed hashes of their emails).
 */
export class Migration20261130150000_notifications_schema extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists notifications`);
    // Kept from staff.account_changed; `changed_at` orders events that arrive out of order.
    this.addSql(`create table notifications.recipient (
      staff_id uuid primary key,
      email text not null,
      roles text[] not null,
      locale text not null,
      deleted boolean not null default false,
      telegram_chat_id text null,
      changed_at timestamptz not null
    )`);
    this.addSql(`create table notifications.preference (
      staff_id uuid not null,
      type text not null,
      in_app boolean not null,
      email boolean not null,
      telegram boolean not null,
      primary key (staff_id, type)
    )`);
    this.addSql(`create table notifications.notification (
      id uuid primary key,
      staff_id uuid not null,
      event_id uuid not null,
      type text not null,
      title text not null,
      body text not null,
      link text null,
      created_at timestamptz not null,
      read_at timestamptz null,
      constraint notification_event_staff_key unique (event_id, staff_id)
    )`);
    this.addSql(
      `create index notification_feed_idx on notifications.notification (staff_id, created_at desc, id desc)`,
    );
    this
      .addSql(`create index notification_unread_idx on notifications.notification (staff_id, created_at desc, id desc)
      where read_at is null`);
    // One message per event, recipient and channel, whoever records it and however often.
    this.addSql(`create table notifications.delivery (
      id uuid primary key,
      event_id uuid not null,
      event_type text not null,
      recipient_key text not null,
      channel text not null,
      address text null,
      template text not null,
      locale text not null,
      params jsonb not null,
      status text not null,
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      lease_until timestamptz null,
      lease_token uuid null,
      last_detail text null,
      created_at timestamptz not null,
      sent_at timestamptz null,
      constraint delivery_event_recipient_channel_key unique (event_id, recipient_key, channel)
    )`);
    this.addSql(
      `create index delivery_due_idx on notifications.delivery (next_attempt_at) where status = 'pending'`,
    );
    this.addSql(
      `create index delivery_recent_idx on notifications.delivery (status, created_at desc, id desc)`,
    );
    this.addSql(`create index delivery_newest_idx on notifications.delivery (created_at desc, id desc)`);
    this.addSql(
      `create index delivery_recipient_idx on notifications.delivery (recipient_key) where status = 'pending'`,
    );
    this.addSql(`create table notifications.delivery_attempt (
      id uuid primary key,
      delivery_id uuid not null,
      at timestamptz not null,
      channel text not null,
      outcome text not null,
      detail text not null
    )`);
    this.addSql(
      `create index delivery_attempt_delivery_idx on notifications.delivery_attempt (delivery_id, at)`,
    );
    // Held and flagged comments wait here until their window closes and one digest takes them all.
    this.addSql(`create table notifications.digest_item (
      id uuid primary key,
      staff_id uuid not null,
      channel text not null,
      event_id uuid not null,
      type text not null,
      summary jsonb not null,
      window_start timestamptz not null,
      delivery_id uuid null,
      created_at timestamptz not null,
      constraint digest_item_event_staff_channel_key unique (event_id, staff_id, channel)
    )`);
    this.addSql(`create index digest_item_waiting_idx on notifications.digest_item (window_start)
      where delivery_id is null`);
    this.addSql(`create table notifications.unsubscribed (
      email_hash text primary key,
      created_at timestamptz not null
    )`);
  }

  override async down(): Promise<void> {
    for (const table of [
      'unsubscribed',
      'digest_item',
      'delivery_attempt',
      'delivery',
      'notification',
      'preference',
      'recipient',
    ]) {
      this.addSql(`drop table if exists notifications.${table}`);
    }
  }
}
