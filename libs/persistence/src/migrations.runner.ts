import type { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { Client } from 'pg';

/**
 * Applies the service's pending migrations. Several copies of a service may start at once, so the
 * migrator runs while a session-level PostgreSQL advisory lock keyed by the schema is held: the first
 * copy migrates, the others wait and then find nothing left to do. The lock lives on a connection of
 * its own, outside MikroORM's pool, so no private API of the pool is needed; should the process die,
 * the server ends that session and the lock goes with it.
 */
export async function applyMigrations(orm: MikroORM): Promise<string[]> {
  const schema = orm.config.get('schema') ?? 'public';
  const lock = await holdAdvisoryLock(orm.config.getClientUrl(), `migrations:${schema}`);
  try {
    const applied = await orm.getMigrator<Migrator>().up();
    return applied.map((migration) => migration.name);
  } finally {
    await lock.release();
  }
}

export interface AdvisoryLock {
  release(): Promise<void>;
}

/** Waits for, then holds, the session advisory lock named `key` on a connection of its own. */
export async function holdAdvisoryLock(url: string, key: string): Promise<AdvisoryLock> {
  const client = new Client({ connectionString: url, application_name: `lock ${key}` });
  // A dropped lock connection surfaces as the migrator's own failure or the release's; not as a crash.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [key]);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return {
    async release() {
      await client.query('select pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}
