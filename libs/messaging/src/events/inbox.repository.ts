import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { sqlTable } from './sql-table';

export interface DeadLetterRecord {
  consumer: string;
  eventId: string;
  subject: string;
  payload: unknown;
  error: string;
  deliveries: number;
}

/**
 * Records that `consumer` handles `eventId`, in the transaction of `em`. False when it was already
 * recorded: the event was handled before. A concurrent delivery of the same event waits on the
 * primary key until the first transaction ends, so two copies never both run the handler.
 */
export async function enterInbox(em: EntityManager, consumer: string, eventId: string): Promise<boolean> {
  const inserted: unknown[] = await em.execute(
    `insert into ${sqlTable(em.config.get('schema'), 'inbox_entry')} (consumer, event_id, processed_at)
     values (?, ?, now()) on conflict do nothing returning event_id`,
    [consumer, eventId],
  );
  return inserted.length === 1;
}

/** Parks an event; a second call for the same consumer and event (a crash before `term`) adds nothing. */
export async function recordDeadLetter(em: EntityManager, record: DeadLetterRecord): Promise<void> {
  const table = sqlTable(em.config.get('schema'), 'dead_letter');
  await em.execute(
    `insert into ${table} (id, consumer, event_id, subject, payload, error, deliveries, created_at)
     select ?, ?, ?, ?, ?::jsonb, ?, ?, now()
     where not exists (select 1 from ${table} where consumer = ? and event_id = ?)`,
    [
      randomUUID(),
      record.consumer,
      record.eventId,
      record.subject,
      JSON.stringify(record.payload),
      record.error,
      record.deliveries,
      record.consumer,
      record.eventId,
    ],
  );
}
