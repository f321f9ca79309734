import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { sqlTable } from './sql-table';

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

/**
 * Records that `consumer` handles each of `eventIds`, in the transaction of `em`, with one statement
 * and its values bound; returns the ids that were not recorded before. The ids go in sorted, so two
 * copies entering overlapping batches lock the same keys in the same order instead of deadlocking.
 */
export async function enterInboxMany(
  em: EntityManager,
  consumer: string,
  eventIds: readonly string[],
): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const sorted = [...new Set(eventIds)].sort();
  const knex = em.getTransactionContext<Knex.Transaction>() ?? em.getKnex();
  const result: { rows: { event_id: string }[] } = await knex.raw(
    `insert into ${sqlTable(em.config.get('schema'), 'inbox_entry')} (consumer, event_id, processed_at)
     select ?, id, now() from unnest(?::uuid[]) as entered (id) order by id
     on conflict do nothing returning event_id`,
    [consumer, `{${sorted.join(',')}}`],
  );
  return new Set(result.rows.map((row) => row.event_id));
}
