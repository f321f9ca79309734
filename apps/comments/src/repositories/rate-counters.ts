import type { EntityManager } from '@mikro-orm/postgresql';

export interface RateLimit {
  key: string;
  limit: number;
}

/**
 * Takes one hit of every counter in `limits` for the window starting at `windowStart`, and reports
 * the keys whose counter already held its limit (nothing is taken of those). Hand-written: each
 * increment and its condition must be one statement, so concurrent posts can never both take the last
 * hit, and all counters go in one round trip on the post's path. Run inside the post's transaction:
 * a refused post gives its hits back, and the counters stay locked until it ends.
 */
export async function takeRateHits(
  em: EntityManager,
  limits: RateLimit[],
  windowStart: Date,
): Promise<string[]> {
  if (limits.length === 0) return [];
  const rows = await em.execute<{ key: string }[]>(
    `insert into comments.rate_counter as counter (key, window_start, hits)
     values ${limits.map(() => '(?, ?, 1)').join(', ')}
     on conflict (key, window_start) do update set hits = counter.hits + 1
       where counter.hits < (case counter.key ${limits.map(() => 'when ? then ?::int').join(' ')} end)
     returning key`,
    [...limits.flatMap(({ key }) => [key, windowStart]), ...limits.flatMap(({ key, limit }) => [key, limit])],
  );
  const taken = new Set(rows.map((row) => row.key));
  return limits.filter((l) => !taken.has(l.key)).map((l) => l.key);
}
