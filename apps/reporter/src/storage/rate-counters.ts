import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlIn } from '@app/persistence';

/**
 * Takes one hit of `key`'s counter for the window starting at `windowStart` unless it already holds
 * `limit`; true when taken. One statement (increment and condition together), so concurrent requests
 * can never both take the last hit.
 */
export async function takeRateHit(
  em: EntityManager,
  key: string,
  limit: number,
  windowStart: Date,
): Promise<boolean> {
  const rows = await sqlIn(em)<{ key: string }[]>(
    `insert into reporter.rate_counter as counter (key, window_start, hits) values (?, ?, 1)
     on conflict (key, window_start) do update set hits = counter.hits + 1 where counter.hits < ?
     returning key`,
    [key, windowStart, limit],
  );
  return rows.length > 0;
}

/** The hits a key has taken in the window. */
export async function rateHits(em: EntityManager, key: string, windowStart: Date): Promise<number> {
  const rows = await sqlIn(em)<{ hits: number }[]>(
    `select hits from reporter.rate_counter where key = ? and window_start = ?`,
    [key, windowStart],
  );
  return rows[0]?.hits ?? 0;
}
