import { Migration } from '@mikro-orm/migrations';

/**
 * Webhook endpoints; the one-time codes that link a Telegram chat to a staff member (the chat itself
 * is kept on their recipient row), and where reading the bot's updates goes on.
 */
export class Migration20261201100000_notification_channels extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists notifications`);
    this.addSql(`create table notifications.webhook_endpoint (
      id uuid primary key,
      url text not null,
      events text[] not null,
      secret text not null,
      enabled boolean not null default true,
      disabled_reason text null,
      failing_since timestamptz null,
      created_by text not null,
      created_at timestamptz not null
    )`);
    // Fan-out looks for the enabled endpoints that subscribe to an event's type.
    this.addSql(
      `create index webhook_endpoint_events_idx on notifications.webhook_endpoint using gin (events) where enabled`,
    );
    this.addSql(`create table notifications.telegram_link_code (
      code_hash text primary key,
      staff_id uuid not null,
      expires_at timestamptz not null
    )`);
    this.addSql(
      `create index telegram_link_code_staff_id_index on notifications.telegram_link_code (staff_id)`,
    );
    this.addSql(`create table notifications.telegram_poll_state (
      bot_id text primary key,
      next_offset bigint not null
    )`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists notifications.telegram_poll_state`);
    this.addSql(`drop table if exists notifications.telegram_link_code`);
    this.addSql(`drop table if exists notifications.webhook_endpoint`);
  }
}
