import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the current window ends. */
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters in PostgreSQL, shared by every gateway copy: one atomic upsert per hit, so the
 * limit holds exactly however many copies count at once.
 */
@Injectable()
export class RateLimiter {
  constructor(private readonly em: EntityManager) {}

  async hit(key: string, limit: number, windowSeconds: number, now = new Date()): Promise<RateDecision> {
    const windowStart = Math.floor(now.getTime() / 1000 / windowSeconds) * windowSeconds;
    const retryAfterSeconds = Math.max(1, Math.ceil(windowStart + windowSeconds - now.getTime() / 1000));
    const rows = await this.em.getConnection().execute<{ hits: number }[]>(
      `insert into gateway.rate_counter (key, window_start, hits) values (?, to_timestamp(?), 1)
       on conflict (key, window_start) do update set hits = rate_counter.hits + 1
       where rate_counter.hits < ?
       returning hits`,
      [key, windowStart, limit],
    );
    return { allowed: rows.length > 0, retryAfterSeconds };
  }

  /** Whether the key's current window is already at `limit`, without counting a hit. */
  async isExhausted(
    key: string,
    limit: number,
    windowSeconds: number,
    now = new Date(),
  ): Promise<RateDecision> {
    const windowStart = Math.floor(now.getTime() / 1000 / windowSeconds) * windowSeconds;
    const retryAfterSeconds = Math.max(1, Math.ceil(windowStart + windowSeconds - now.getTime() / 1000));
    const rows = await this.em
      .getConnection()
      .execute<{ hits: number }[]>(
        'select hits from gateway.rate_counter where key = ? and window_start = to_timestamp(?)',
        [key, windowStart],
      );
    return { allowed: (rows[0]?.hits ?? 0) < limit, retryAfterSeconds };
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
