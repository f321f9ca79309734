import { defineConfig, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { MigrationObject } from '@mikro-orm/core';
import type { EntityClass } from '@mikro-orm/core';

export interface ServiceDatabaseOptions {
  /** The service's own schema: one per service, no service reads another's. */
  schema: string;
  /** A postgres:// URL (an `embedded:` one is started and turned into one before this point). */
  clientUrl: string;
  entities: EntityClass<unknown>[];
  /** Migrations in the order they apply; listed in code so a compiled build needs no file globbing. */
  migrations: MigrationObject[];
  poolMax: number;
}

export function buildOrmOptions(options: ServiceDatabaseOptions) {
  return defineConfig({
    driver: PostgreSqlDriver,
    clientUrl: options.clientUrl,
    schema: options.schema,
    entities: options.entities,
    extensions: [Migrator],
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList: options.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    pool: { min: 0, max: options.poolMax },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: false },
    // Our own logger reports queries when asked; MikroORM's would print to stdout unstructured.
    debug: false,
  });
}
