import { DatabaseError } from 'pg';

/**
 * How a failed batch write ended. `conflict`: rolled back by a deadlock or serialization failure, safe
 * to run again. `refused`: the database refused the statement and rolled it back, so nothing of it
 * was written. `unknown`: the answer was lost (connection, timeout); it may or may not have committed.
 */
export type BatchFailure = 'conflict' | 'refused' | 'unknown';

export function batchFailureOf(error: unknown): BatchFailure {
  if (!(error instanceof DatabaseError)) return 'unknown';
  return error.code?.startsWith('40') ? 'conflict' : 'refused';
}
