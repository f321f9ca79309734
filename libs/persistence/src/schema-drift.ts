import { MikroORM } from '@mikro-orm/postgresql';
import { buildOrmOptions, ServiceDatabaseOptions } from './orm-options';
import { applyMigrations } from './migrations.runner';

/**
 * What MikroORM would still change after a schema's migrations ran, to make it what the entities
 * describe: empty when the two agree. Tables no entity maps (polls' own, say) are left out.
 */
export async function schemaDrift(options: ServiceDatabaseOptions): Promise<string> {
  const orm = await MikroORM.init(buildOrmOptions({ ...options, poolMax: 2 }));
  try {
    await applyMigrations(orm);
    const sql = await orm.schema.getUpdateSchemaSQL({
      wrap: false,
      safe: false,
      dropTables: false,
      schema: options.schema,
    });
    // The generator would also drop foreign keys of tables no entity maps: those are not drift.
    const mapped = new Set(Object.values(orm.getMetadata().getAll()).map((meta) => meta.tableName));
    const unmappedTable = (statement: string): boolean => {
      const table = /^alter table "[^"]+"\."([^"]+)"/.exec(statement)?.[1];
      return table !== undefined && !mapped.has(table);
    };
    return sql
      .split(/;\s*/)
      .map((statement) => statement.trim())
      .filter((statement) => statement.length > 0 && !unmappedTable(statement))
      .join(';\n');
  } finally {
    await orm.close(true);
  }
}
