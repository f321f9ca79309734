import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs hand-written SQL on `em`'s transaction when it has one. `em.getConnection().execute(sql, params)`
 * alone takes a pooled connection outside the transaction: its locks end with the statement.
 */
export function sqlIn(em: EntityManager) {
  return <T extends object = Record<string, unknown>[]>(sql: string, params: unknown[] = []): Promise<T> =>
    em.getConnection().execute<T>(sql, params, 'all', em.getTransactionContext());
}
