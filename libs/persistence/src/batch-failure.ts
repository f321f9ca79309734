import { DriverException } from '@mikro-orm/core';
import { DatabaseError } from 'pg';

/**
 * How a failed write ended. `conflict`: rolled back by a deadlock or serialization failure, safe to
 * run again. `refused`: the database refused the statement and rolled it back, so nothing of it was
 * written. `unknown`: the answer was lost (connection, timeout); it may or may not have committed.
 */
export type BatchFailure = 'conflict' | 'refused' | 'unknown';

export function batchFailureOf(error: unknown): BatchFailure {
  const state = sqlStateOf(error);
  if (state === undefined) return 'unknown';
  return state.startsWith('40') ? 'conflict' : 'refused';
}

/** The SQLSTATE the server answered with, from the driver's error or MikroORM's wrapping of it. */
function sqlStateOf(error: unknown): string | undefined {
  if (error instanceof DatabaseError) return error.code;
  if (error instanceof DriverException) return error.sqlState ?? error.code;
  return undefined;
}
