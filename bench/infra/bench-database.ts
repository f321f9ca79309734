import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server the bench creates its database on: the machine's PostgreSQL, trust auth. */
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  name: string;
  url: string;
  /** Runs `work` with a connected client of this database. */
  withClient<T>(work: (client: Client) => Promise<T>): Promise<T>;
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
  return {
    name,
    url: url.toString(),
    async withClient(work) {
      const client = new Client({ connectionString: url.toString() });
      await client.connect();
      try {
        return await work(client);
      } finally {
        await client.end();
      }
    },
    drop: () => onAdmin(`drop database if exists ${name} with (force)`),
  };
}
