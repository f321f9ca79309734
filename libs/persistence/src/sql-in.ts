import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from '@mikro-orm/knex';

/**
 * Runs hand-written SQL (`?` placeholders, `??` for an identifier) on `em`'s transaction when it has
 * one, and answers its rows. `em.getConnection().execute(sql, params)` alone takes a pooled connection
 * outside the transaction: its locks end with the statement.
 *
 * Parameters are bound, not written into the statement's text as MikroORM's `execute()` does: a JSON
 * payload or a chunk of bytes is not escaped and copied into the SQL, and a `?` in a value stays a
 * character. What a parameter becomes is node-postgres's rule: a Buffer is a bytea, an array a
 * PostgreSQL array, a plain object its JSON; a Date is sent as its ISO-8601 UTC text, as it was inlined
 * before. An untyped parameter takes its type from where it stands; where it could be anything
 * (`select ?`, `? is null`), cast it.
 */
export function sqlIn(em: EntityManager) {
  return async <T extends object = Record<string, unknown>[]>(
    sql: string,
    params: unknown[] = [],
  ): Promise<T> => {
    const connection = em.getConnection();
    const query = connection.getKnex().raw(sql, params.map(bindable) as Knex.RawBinding[]);
    const transaction = em.getTransactionContext<Knex.Transaction>();
    if (transaction) query.transacting(transaction);
    const result = (await query) as unknown as { rows: unknown };
    return result.rows as T;
  };
}

function bindable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  // An undefined parameter would make knex refuse the statement; it was NULL when inlined.
  if (value === undefined) return null;
  return value;
}
