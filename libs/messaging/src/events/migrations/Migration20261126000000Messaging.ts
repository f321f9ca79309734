import { Migration } from '@mikro-orm/migrations';

/** The outbox, the inbox and the dead letters, in the service's own schema. */
export class Migration20261126000000Messaging extends Migration {
  override up(): void {
    const schema = this.config.get('schema') ?? 'public';
    const table = (name: string) => `"${schema}"."${name}"`;
    this.addSql(`create schema if not exists "${schema}"`);
    this.addSql(`create table ${table('outbox_event')} (
      "id" uuid primary key,
      "type" text not null,
      "subject" text not null,
      "payload" jsonb not null,
      "request_id" text null,
      "created_at" timestamptz not null,
      "published_at" timestamptz null,
      "attempts" int not null default 0,
      "last_error" text null
    )`);
    // The relay only ever reads unpublished rows, oldest first; published ones stay out of the index.
    this.addSql(
      `create index "outbox_event_unpublished_idx" on ${table('outbox_event')} ("created_at") where "published_at" is null`,
    );
    this.addSql(`create table ${table('inbox_entry')} (
      "consumer" text not null,
      "event_id" uuid not null,
      "processed_at" timestamptz not null,
      primary key ("consumer", "event_id")
    )`);
    this.addSql(`create table ${table('dead_letter')} (
      "id" uuid primary key,
      "consumer" text not null,
      "event_id" uuid not null,
      "subject" text not null,
      "payload" jsonb not null,
      "error" text not null,
      "deliveries" int not null,
      "created_at" timestamptz not null
    )`);
    this.addSql(
      `create index "dead_letter_consumer_event_idx" on ${table('dead_letter')} ("consumer", "event_id")`,
    );
  }

  override down(): void {
    const schema = this.config.get('schema') ?? 'public';
    for (const name of ['dead_letter', 'inbox_entry', 'outbox_event']) {
      this.addSql(`drop table if exists "${schema}"."${name}"`);
    }
  }
}
