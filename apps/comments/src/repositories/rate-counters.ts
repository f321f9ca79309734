import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Takes one hit of `key`'s counter in the window starting at `windowStart`, unless it already holds
 * `limit`. Hand-written: the increment and its condition must be one statement, so concurrent posts
 * can never both take the last hit; run inside the post's transaction, a refused post gives it back.
 */
export async function takeRateHit(
  em: EntityManager,
  key: string,
  windowStart: Date,
  limit: number,
): Promise<boolean> {
  const rows = await em.execute<{ hits: number }[]>(
    `insert into comments.rate_counter (key, window_start, hits) values (?, ?, 1)
     on conflict (key, window_start) do update set hits = rate_counter.hits + 1 where rate_counter.hits < ?
     returning hits`,
    [key, windowStart, limit],
  );
  return rows.length > 0;
}
