import { MikroORM } from '@mikro-orm/postgresql';
import type { EntityClass, MigrationObject } from '@mikro-orm/core';
import { applyMigrations, buildOrmOptions } from '@app/persistence';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@app/messaging';
import { createTestDatabase } from './test-database';

export interface TestMessagingDatabase {
  url: string;
  orm: MikroORM;
  schema: string;
  /** Runs raw SQL in the test schema; `{schema}` in the text is replaced by the quoted schema name. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** A fresh database with the messaging tables migrated into `schema`, as a service would have them. */
export async function createTestMessagingDatabase(
  schema = 'outbox_test',
  extra: { entities?: EntityClass<unknown>[]; migrations?: MigrationObject[] } = {},
): Promise<TestMessagingDatabase> {
  const database = await createTestDatabase('messaging_test');
  const orm = await MikroORM.init(
    buildOrmOptions({
      schema,
      clientUrl: database.url,
      entities: [...MESSAGING_ENTITIES, ...(extra.entities ?? [])],
      migrations: [...MESSAGING_MIGRATIONS, ...(extra.migrations ?? [])],
      poolMax: 10,
    }),
  );
  await applyMigrations(orm);
  return {
    url: database.url,
    orm,
    schema,
    sql: (text, params = []) => orm.em.fork().execute(text.replaceAll('{schema}', `"${schema}"`), params),
    close: async () => {
      await orm.close(true);
      await database.drop();
    },
  };
}
