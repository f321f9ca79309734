import type { DynamicModule } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { buildOrmOptions, ServiceDatabaseOptions } from './orm-options';
import { applyMigrations } from './migrations.runner';

/** The flag a deploy pipeline passes to an app's main to apply its migrations and exit. */
export const MIGRATE_ONLY_FLAG = '--migrate-only';

export const SERVICE_DATABASE_OPTIONS = Symbol('SERVICE_DATABASE_OPTIONS');

export function isMigrateOnly(argv: readonly string[] = process.argv): boolean {
  return argv.includes(MIGRATE_ONLY_FLAG);
}

type ModuleImport = NonNullable<DynamicModule['imports']>[number];

function isDynamicModule(value: ModuleImport): value is DynamicModule {
  return typeof value === 'object' && value !== null && 'module' in value;
}

/**
 * Finds the schema, entities and migrations that an app's module tree hands to DatabaseModule, so the
 * migrations can be applied without starting the app (and without NATS).
 */
export function findServiceDatabase(root: DynamicModule): ServiceDatabaseOptions | undefined {
  const pending: DynamicModule[] = [root];
  while (pending.length > 0) {
    const current = pending.shift()!;
    for (const provider of current.providers ?? []) {
      if (
        typeof provider === 'object' &&
        'provide' in provider &&
        provider.provide === SERVICE_DATABASE_OPTIONS
      ) {
        return (provider as { useValue: ServiceDatabaseOptions }).useValue;
      }
    }
    pending.push(...(current.imports ?? []).filter(isDynamicModule));
  }
  return undefined;
}

/** Opens the schema's own ORM, applies what is pending and closes it. Returns the names applied. */
export async function migrateServiceDatabase(options: ServiceDatabaseOptions): Promise<string[]> {
  const orm = await MikroORM.init(buildOrmOptions({ ...options, poolMax: Math.min(options.poolMax, 2) }));
  try {
    return await applyMigrations(orm);
  } finally {
    await orm.close(true);
  }
}
