import type { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';

/**
 * Applies the service's pending migrations. Several copies of a service may start at once, so the
 * migrator runs under a PostgreSQL advisory lock keyed by the schema: the first copy migrates, the
 * others wait and then find nothing left to do.
 */
export async function applyMigrations(orm: MikroORM): Promise<string[]> {
  const schema = orm.config.get('schema') ?? 'public';
  const knex = orm.em.getConnection().getKnex();
  const pool = knex.client as {
    acquireConnection(): Promise<unknown>;
    releaseConnection(c: unknown): Promise<void>;
  };
  const lockConnection = await pool.acquireConnection();
  try {
    await knex
      .raw('select pg_advisory_lock(hashtext(?))', [`migrations:${schema}`])
      .connection(lockConnection);
    const applied = await orm.getMigrator<Migrator>().up();
    return applied.map((migration) => migration.name);
  } finally {
    await knex
      .raw('select pg_advisory_unlock(hashtext(?))', [`migrations:${schema}`])
      .connection(lockConnection)
      .catch(() => undefined);
    await pool.releaseConnection(lockConnection);
  }
}
