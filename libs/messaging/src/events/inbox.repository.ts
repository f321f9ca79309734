import type { EntityManager } from '@mikro-orm/postgresql';
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
