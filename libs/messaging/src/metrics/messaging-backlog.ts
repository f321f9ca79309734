import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlTable } from '../events/sql-table';

/** What an operator alerts on: events that do not leave, and events nobody could handle. */
export interface MessagingBacklog {
  /** Unpublished outbox rows, counted up to the cap. */
  unpublished: number;
  /** Seconds since the oldest unpublished row was recorded; 0 when none waits. */
  oldestUnpublishedAgeSeconds: number;
  /** Dead letters by consumer, counted up to the cap in all. */
  deadLetters: Map<string, number>;
}

/**
 * Counts stop here: a backlog this deep pages whoever watches it either way, and a scrape must stay
 * cheap however deep it gets.
 */
export const BACKLOG_COUNT_CAP = 100_000;

interface BacklogRow {
  unpublished: number;
  oldest_age_seconds: number | null;
  dead_letters: Record<string, number> | null;
}

/**
 * One statement, each part on an index: the unpublished rows on the outbox's partial index (its
 * first entry is the oldest), the dead letters on their (consumer, event_id) key. Both counts stop at
 * `cap` rows.
 */
export async function readMessagingBacklog(
  em: EntityManager,
  cap = BACKLOG_COUNT_CAP,
): Promise<MessagingBacklog> {
  const schema = em.config.get('schema');
  const outbox = sqlTable(schema, 'outbox_event');
  const deadLetter = sqlTable(schema, 'dead_letter');
  const [row] = await em.execute<BacklogRow[]>(
    `select
       (select count(*) from (select 1 from ${outbox} where published_at is null limit ?) waiting)::int
         as unpublished,
       (select extract(epoch from now() - min(created_at)) from ${outbox} where published_at is null)::float8
         as oldest_age_seconds,
       (select json_object_agg(consumer, n) from
          (select consumer, count(*)::int as n from (select consumer from ${deadLetter} limit ?) parked
            group by consumer) by_consumer)
         as dead_letters`,
    [cap, cap],
  );
  return {
    unpublished: row.unpublished,
    // A row recorded by a clock slightly ahead of the database's reads as waiting for no time at all.
    oldestUnpublishedAgeSeconds: Math.max(0, row.oldest_age_seconds ?? 0),
    deadLetters: new Map(Object.entries(row.dead_letters ?? {})),
  };
}
