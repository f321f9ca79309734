import { Client } from 'pg';

/** `duplicate_database`: CREATE DATABASE lost to a creator that had committed. */
const DUPLICATE_DATABASE = '42P04';
/** `unique_violation` on pg_database: CREATE DATABASE lost to a creator still in flight. */
const UNIQUE_VIOLATION = '23505';
const INVALID_CATALOG_NAME = '3D000';

export type DatabaseCreation = 'created' | 'existed';

/** Whether a failed CREATE DATABASE only says that someone else created it first. */
export function isDatabaseAlreadyThere(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint, table, message } = error as Record<string, unknown>;
  if (code === DUPLICATE_DATABASE) return true;
  return (
    code === UNIQUE_VIOLATION &&
    (table === 'pg_database' ||
      constraint === 'pg_database_datname_index' ||
      (typeof message === 'string' && message.includes('pg_database_datname_index')))
  );
}

/** The database a URL names ('' when it names none, and the server picks the user's). */
export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/**
 * Creates the database a URL names when it does not exist yet. Safe to call from several processes
 * at once: whoever loses the race finds it created, which is all it wanted.
 */
export async function ensureDatabaseExists(url: string): Promise<DatabaseCreation> {
  const name = databaseNameOf(url);
  if (name === '' || name === 'postgres') return 'existed';
  const admin = await connectToMaintenance(url);
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return 'existed';
    try {
      await admin.query(`create database ${admin.escapeIdentifier(name)}`);
      return 'created';
    } catch (error) {
      if (isDatabaseAlreadyThere(error)) return 'existed';
      throw new Error(`could not create the database "${name}": ${(error as Error).message}`);
    }
  } finally {
    await admin.end().catch(() => undefined);
  }
}

/** `postgres`, or `template1` on a server that has no `postgres` database. */
async function connectToMaintenance(url: string): Promise<Client> {
  try {
    return await connect(withDatabase(url, 'postgres'));
  } catch (error) {
    if ((error as { code?: string }).code !== INVALID_CATALOG_NAME) throw error;
    return connect(withDatabase(url, 'template1'));
  }
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}
