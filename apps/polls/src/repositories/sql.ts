import { Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { sqlIn } from '@app/persistence';

export const iso = (value: string | Date): string => new Date(value).toISOString();
export const isoOrNull = (value: string | Date | null): string | null => (value === null ? null : iso(value));
export const uuidArray = (ids: readonly string[]): string => `{${ids.join(',')}}`;

/**
 * Polls speaks SQL rather than entities: its writes are the group-committed vote function and a few
 * statements that must take row locks in a set order, and its reads sum sharded counters in the same
 * query. `?` placeholders; inside a transaction when `em` is the transaction's.
 */
export function runSql<T extends object>(
  em: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return sqlIn(em)<T[]>(sql, params);
}

/** What each polls repository shares: statements on the ORM's connection, and transactions. */
@Injectable()
export abstract class SqlRepository {
  constructor(protected readonly orm: MikroORM) {}

  protected run<T extends object>(
    sql: string,
    params: unknown[] = [],
    em: EntityManager = this.orm.em,
  ): Promise<T[]> {
    return runSql<T>(em, sql, params);
  }

  protected transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.orm.em.fork().transactional(work);
  }
}
