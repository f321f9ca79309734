import { setTimeout as delay } from 'node:timers/promises';
import { Client, DatabaseError } from 'pg';

/**
 * PostgreSQL error classes that waiting does not cure: bad credentials (28), a database that does not
 * exist (3D). The configuration is wrong, and the process should say so.
 */
const FATAL_CLASSES = ['28', '3D'];

export interface DatabaseWaitOptions {
  /** Told once, when the first attempt fails, with the server (no credentials) and why. */
  onWaiting(server: string, reason: string): void;
  retryMs?: number;
  connectTimeoutMs?: number;
}

function serverOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the configured server';
  }
}

/**
 * Resolves once PostgreSQL takes a query. An app started before its database (a container scheduled
 * first, a database restarting) waits here instead of failing, and a stop asked for meanwhile ends it.
 */
export async function waitForDatabase(url: string, options: DatabaseWaitOptions): Promise<void> {
  let told = false;
  for (;;) {
    const client = new Client({
      connectionString: url,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 2000,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (error) {
      if (error instanceof DatabaseError && FATAL_CLASSES.some((code) => error.code?.startsWith(code)))
        throw error;
      if (!told) {
        told = true;
        options.onWaiting(
          serverOf(url),
          error instanceof Error ? error.message || String(error) : String(error),
        );
      }
      await delay(options.retryMs ?? 500);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
