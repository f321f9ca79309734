import { Client } from 'pg';

/** The row count of every table of every schema but PostgreSQL's own, keyed `schema.table`. */
export async function rowCounts(databaseUrl: string): Promise<Record<string, number>> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const tables = await pg.query<{ table_schema: string; table_name: string }>(
      `select table_schema, table_name from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
        order by 1, 2`,
    );
    const counts: Record<string, number> = {};
    for (const { table_schema: schema, table_name: table } of tables.rows) {
      const quoted = `"${schema.replace(/"/g, '""')}"."${table.replace(/"/g, '""')}"`;
      const result = await pg.query<{ count: number }>(`select count(*)::int as count from ${quoted}`);
      counts[`${schema}.${table}`] = result.rows[0].count;
    }
    return counts;
  } finally {
    await pg.end();
  }
}

/** The tables whose counts differ, with both counts, leaving out the ones a run may touch. */
export function changedTables(
  before: Record<string, number>,
  after: Record<string, number>,
  touched: ReadonlySet<string>,
): Record<string, [number | undefined, number | undefined]> {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return Object.fromEntries(
    [...names]
      .filter((name) => !touched.has(name) && before[name] !== after[name])
      .map((name) => [name, [before[name], after[name]]]),
  );
}
