import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the current window ends. */
  retryAfterSeconds: number;
}

/** The fixed window `now` falls in: its start (epoch seconds) and the seconds until it ends. */
function windowOf(now: Date, windowSeconds: number): { start: number; retryAfterSeconds: number } {
  const seconds = now.getTime() / 1000;
  const start = Math.floor(seconds / windowSeconds) * windowSeconds;
  return { start, retryAfterSeconds: Math.max(1, Math.ceil(start + windowSeconds - seconds)) };
}

/**
 * Fixed-window counters in PostgreSQL, shared by every gateway copy: one atomic upsert per hit, so the
 * limit holds exactly however many copies count at once. A hit is a reservation: counted before the
 * work it guards, so parallel requests cannot all pass a check made before any of them counted.
 */
@Injectable()
export class RateLimiter {
  constructor(private readonly em: EntityManager) {}

  /** Counts a hit; not allowed (and not counted) once the window holds `limit` hits. */
  async hit(key: string, limit: number, windowSeconds: number, now = new Date()): Promise<RateDecision> {
    const window = windowOf(now, windowSeconds);
    const rows = await this.em.getConnection().execute<{ hits: number }[]>(
      `insert into gateway.rate_counter (key, window_start, hits) values (?, to_timestamp(?), 1)
       on conflict (key, window_start) do update set hits = rate_counter.hits + 1
       where rate_counter.hits < ?
       returning hits`,
      [key, window.start, limit],
    );
    return { allowed: rows.length > 0, retryAfterSeconds: window.retryAfterSeconds };
  }

  /** Whether another hit would be allowed now, without counting one. */
  async check(key: string, limit: number, windowSeconds: number, now = new Date()): Promise<RateDecision> {
    const window = windowOf(now, windowSeconds);
    const rows = await this.em
      .getConnection()
      .execute<{ hits: number }[]>(
        'select hits from gateway.rate_counter where key = ? and window_start = to_timestamp(?)',
        [key, window.start],
      );
    return { allowed: (rows[0]?.hits ?? 0) < limit, retryAfterSeconds: window.retryAfterSeconds };
  }

  /** Gives back a hit counted at `now` (the work it reserved turned out not to count). */
  async release(key: string, windowSeconds: number, now: Date): Promise<void> {
    const window = windowOf(now, windowSeconds);
    await this.em
      .getConnection()
      .execute(
        'update gateway.rate_counter set hits = hits - 1 where key = ? and window_start = to_timestamp(?) and hits > 0',
        [key, window.start],
      );
  }

  /** Clears a key's current window (a successful login forgives the failed attempts before it). */
  async reset(key: string): Promise<void> {
    await this.em.getConnection().execute('delete from gateway.rate_counter where key = ?', [key]);
  }

  async purgeOlderThan(cutoff: Date): Promise<void> {
    await this.em
      .getConnection()
      .execute('delete from gateway.rate_counter where window_start < ?', [cutoff]);
  }
}
