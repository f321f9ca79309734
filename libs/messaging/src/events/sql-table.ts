/** A table of the service's schema, quoted for raw SQL. */
export function sqlTable(schema: string | undefined, table: string): string {
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  return schema ? `${quote(schema)}.${quote(table)}` : quote(table);
}
