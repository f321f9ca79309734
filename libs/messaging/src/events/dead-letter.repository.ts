import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { PagePosition } from '@app/contracts';
import { sqlTable } from './sql-table';

export interface DeadLetterRecord {
  consumer: string;
  eventId: string;
  subject: string;
  /** The event's type, when the message was an envelope at all. */
  type: string | null;
  payload: unknown;
  error: string;
  deliveries: number;
}

export interface DeadLetterRow {
  id: string;
  consumer: string;
  eventId: string;
  type: string | null;
  payload: unknown;
  error: string;
  deliveries: number;
  failedAt: string;
}

interface SqlRow {
  id: string;
  consumer: string;
  event_id: string;
  type: string | null;
  payload: unknown;
  error: string;
  deliveries: number;
  created_at: Date;
}

const table = (em: EntityManager) => sqlTable(em.config.get('schema'), 'dead_letter');

const toRow = (row: SqlRow): DeadLetterRow => ({
  id: row.id,
  consumer: row.consumer,
  eventId: row.event_id,
  type: row.type,
  payload: row.payload,
  error: row.error,
  deliveries: row.deliveries,
  failedAt: new Date(row.created_at).toISOString(),
});

/**
 * Parks an event. One row per consumer and event, by a unique key: a second parking (a crash before
 * `term`, two copies at once) updates that row's error and deliveries. The time is kept to the
 * millisecond, as page cursors carry it, so paging never skips a row.
 */
export async function recordDeadLetter(em: EntityManager, record: DeadLetterRecord): Promise<void> {
  await em.execute(
    `insert into ${table(em)} as letter
       (id, consumer, event_id, subject, type, payload, error, deliveries, created_at)
     values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, date_trunc('milliseconds', now()))
     on conflict (consumer, event_id) do update
       set error = excluded.error, deliveries = greatest(letter.deliveries, excluded.deliveries)`,
    [
      randomUUID(),
      record.consumer,
      record.eventId,
      record.subject,
      record.type,
      JSON.stringify(record.payload),
      record.error,
      record.deliveries,
    ],
  );
}

/** Newest first, by (created_at, id) after `after`; one more row than `limit` tells a next page exists. */
export async function listDeadLetters(
  em: EntityManager,
  limit: number,
  after?: PagePosition,
): Promise<DeadLetterRow[]> {
  const rows: SqlRow[] = after
    ? await em.execute(
        `select * from ${table(em)} where (created_at, id) < (?::timestamptz, ?::uuid)
          order by created_at desc, id desc limit ?`,
        [after.createdAt, after.id, limit],
      )
    : await em.execute(`select * from ${table(em)} order by created_at desc, id desc limit ?`, [limit]);
  return rows.map(toRow);
}

/**
 * Removes a dead letter inside the transaction of `em` and returns it: the re-drive's handler runs in
 * the same transaction, so a failure brings the row back, and a concurrent re-drive of the same letter
 * waits on its lock and then finds nothing.
 */
export async function takeDeadLetter(em: EntityManager, id: string): Promise<DeadLetterRow | undefined> {
  const [row] = await em.execute<SqlRow[]>(`delete from ${table(em)} where id = ? returning *`, [id]);
  return row ? toRow(row) : undefined;
}

/** Records why a re-drive failed on the dead letter it left in place. */
export async function noteRedriveFailure(em: EntityManager, id: string, error: string): Promise<void> {
  await em.execute(`update ${table(em)} set error = ?, deliveries = deliveries + 1 where id = ?`, [
    error,
    id,
  ]);
}
