import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server the bench creates its database on: the machine's PostgreSQL, trust auth. */
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  name: string;
  url: string;
  /** Runs `work` with a connected client of this database. */
  withClient<T>(work: (client: Client) => Promise<T>): Promise<T>;
  /** Processes of the server's backends connected to this database now. */
  backendPids(): Promise<number[]>;
  drop(): Promise<void>;
}

async function onAdmin(sql: string): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A fresh, empty database; the services apply their own migrations to it at start. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `engage_bench_${randomBytes(6).toString('hex')}`;
  await onAdmin(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const withClient = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    name,
    url: url.toString(),
    withClient,
    backendPids() {
      return withClient(async (client) => {
        const rows = await client.query<{ pid: number }>(
          'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [name],
        );
        return rows.rows.map((row) => row.pid);
      });
    },
    drop: () => onAdmin(`drop database if exists ${name} with (force)`),
  };
}
