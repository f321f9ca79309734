import type { EntityManager } from '@mikro-orm/core';
import { batchFailureOf } from './batch-failure';

/** Runs of a transaction that a deadlock or serialization failure rolled back, before it fails. */
const CONFLICT_ATTEMPTS = 3;

/**
 * `work` in a transaction of its own fork of `em`, run again (on a fresh fork) when the database rolled
 * it back for a deadlock or a serialization failure. Transactions that lock several rows which other
 * transactions lock in another order (a reader's erasure across threads, a decision moving counters up
 * a thread) can meet in a circle; PostgreSQL then rolls one back, and that one is safe to run again
 * because nothing of it was written.
 */
export async function transactionalRetryingConflicts<E extends EntityManager, T>(
  em: E,
  work: (tx: E) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await em.fork().transactional((tx) => work(tx));
    } catch (error) {
      if (attempt >= CONFLICT_ATTEMPTS || batchFailureOf(error) !== 'conflict') throw error;
    }
  }
}
