import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Jest loads its global setup without the path aliases of moduleNameMapper.
// eslint-disable-next-line no-restricted-imports
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../libs/persistence/src/embedded-postgres';
// eslint-disable-next-line no-restricted-imports
import { postgresAnswers } from '../../libs/persistence/src/postgres-answers';
import { freePort } from './free-port';
import { waitForPort } from './wait-for-port';

export interface TestRunInfrastructure {
  nats?: { pid?: number; storeDir: string };
  postgres?: EmbeddedPostgres;
}

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function startedForThisRun(): TestRunInfrastructure {
  const holder = globalThis as { __TEST_INFRASTRUCTURE__?: TestRunInfrastructure };
  holder.__TEST_INFRASTRUCTURE__ ??= {};
  return holder.__TEST_INFRASTRUCTURE__;
}

/**
 * Gives the test run what it needs and the machine may not have:
 * - a NATS server of its own (JetStream on, a temporary store), so its services never answer, or are
 *   answered by, whatever else runs on the machine's NATS (a developer's `npm start`, say).
 *   TEST_NATS_URL, when set, is used as it is; without a nats-server binary the machine's NATS is used.
 * - an embedded PostgreSQL when none answers at TEST_DATABASE_URL (default: the local one), handed to
 *   the tests through TEST_DATABASE_URL; test workers inherit this process's environment.
 */
export default async function globalSetup(): Promise<void> {
  await provideNats();
  await provideDatabase();
}

async function provideNats(): Promise<void> {
  if (process.env.TEST_NATS_URL) return;
  const binary = spawnSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' }).stdout.trim();
  if (!binary) return;
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'engage-test-nats-'));
  const server = spawn(binary, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], {
    stdio: 'ignore',
    detached: false,
  });
  await waitForPort(port, 10000);
  process.env.TEST_NATS_URL = `nats://127.0.0.1:${port}`;
  startedForThisRun().nats = { pid: server.pid, storeDir };
}

async function provideDatabase(): Promise<void> {
  const configured = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
  if (await postgresAnswers(configured, 3000)) return;
  const postgres = await startEmbeddedPostgres('embedded:memory', {
    say: (line) => process.stderr.write(`test database: ${line}\n`),
  });
  process.stderr.write(`\ntest database: no PostgreSQL answers at ${configured}; using an embedded one\n`);
  process.env.TEST_DATABASE_URL = postgres.url;
  startedForThisRun().postgres = postgres;
}
