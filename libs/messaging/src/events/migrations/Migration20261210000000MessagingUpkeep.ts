import { Migration } from '@mikro-orm/migrations';

/**
 * One dead letter per consumer and event, enforced by the database (parking used to check first and
 * insert after, which two copies could both pass); the event type beside it for listing; an index for
 * the operator's newest-first pages, and one for deleting published outbox rows by age.
 */
export class Migration20261210000000MessagingUpkeep extends Migration {
  override up(): void {
    const schema = this.config.get('schema') ?? 'public';
    const table = (name: string) => `"${schema}"."${name}"`;
    this.addSql(
      `delete from ${table('dead_letter')} later using ${table('dead_letter')} earlier
        where later.consumer = earlier.consumer and later.event_id = earlier.event_id
          and (later.created_at, later.id) > (earlier.created_at, earlier.id)`,
    );
    this.addSql(`drop index if exists "${schema}"."dead_letter_consumer_event_idx"`);
    this.addSql(
      `alter table ${table('dead_letter')} add constraint "dead_letter_consumer_event_key" unique ("consumer", "event_id")`,
    );
    this.addSql(`alter table ${table('dead_letter')} add column "type" text null`);
    this.addSql(
      // ->> gives null for a payload that is no object (a message that was no envelope).
      `update ${table('dead_letter')}
          set "type" = "payload"->>'type', "created_at" = date_trunc('milliseconds', "created_at")`,
    );
    this.addSql(
      `create index "dead_letter_newest_idx" on ${table('dead_letter')} ("created_at" desc, "id" desc)`,
    );
    this.addSql(
      `create index "outbox_event_published_idx" on ${table('outbox_event')} ("published_at") where "published_at" is not null`,
    );
  }

  override down(): void {
    const schema = this.config.get('schema') ?? 'public';
    const table = (name: string) => `"${schema}"."${name}"`;
    this.addSql(`drop index if exists "${schema}"."outbox_event_published_idx"`);
    this.addSql(`drop index if exists "${schema}"."dead_letter_newest_idx"`);
    this.addSql(`alter table ${table('dead_letter')} drop column "type"`);
    this.addSql(`alter table ${table('dead_letter')} drop constraint "dead_letter_consumer_event_key"`);
    this.addSql(
      `create index "dead_letter_consumer_event_idx" on ${table('dead_letter')} ("consumer", "event_id")`,
    );
  }
}
