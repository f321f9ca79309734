import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import {
  ensureDatabaseExists,
  isEmbeddedUrl,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '@app/persistence';
import { ALL_APPS, GATEWAY_APP, mainOf } from './launcher/apps.plan';
import { logAs, redactUrl } from './launcher/log';
import { describeExit, Supervisor } from './launcher/supervisor';

/**
 * `npm run migrate`: applies every app's migrations to DATABASE_URL, one app after another, by running
 * each app's main with --migrate-only. A deploy pipeline runs this before it rolls out new copies.
 */
const ROOT = resolve(__dirname, '..', '..');
const MIGRATION_APPS = [GATEWAY_APP, ...ALL_APPS.filter((name) => name !== GATEWAY_APP)];
// A main that ignores --migrate-only would start serving and never exit; this bounds that mistake.
const PER_APP_TIMEOUT_MS = Number(process.env.MIGRATE_TIMEOUT_MS ?? 120000);

const log = logAs('migrate');

async function main(): Promise<number> {
  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl && isEmbeddedUrl(databaseUrl)) {
    embedded = await startEmbeddedPostgres(databaseUrl, { say: log });
    log(`database: embedded PostgreSQL (${databaseUrl}) at ${embedded.url}`);
    databaseUrl = embedded.url;
  } else {
    log(`database: ${databaseUrl ? redactUrl(databaseUrl) : 'the default of each app (local PostgreSQL)'}`);
  }
  if (databaseUrl && (await ensureDatabaseExists(databaseUrl)) === 'created') {
    log(`database: created ${new URL(databaseUrl).pathname.slice(1)}`);
  }
  const supervisor = new Supervisor(log);
  let failures = 0;
  try {
    for (const name of MIGRATION_APPS) {
      const main = mainOf(ROOT, name);
      if (!existsSync(main)) {
        log(`warning: ${name} is not built (${relative(ROOT, main)} is missing); skipping it`);
        continue;
      }
      const env = { ...process.env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
      supervisor.start({ name, command: process.execPath, args: [main, '--migrate-only'], env, cwd: ROOT });
      const exited = supervisor.exitOf(name);
      const timer = setTimeout(() => {
        log(`${name} did not finish within ${PER_APP_TIMEOUT_MS} ms (does its main support --migrate-only?)`);
        void supervisor.stopAll(2000);
      }, PER_APP_TIMEOUT_MS);
      const exit = await exited;
      clearTimeout(timer);
      if (exit && exit.code === 0) {
        log(`${name}: migrated`);
      } else {
        failures += 1;
        log(`${name}: migration failed (${exit ? describeExit(exit) : 'no exit status'})`);
      }
    }
  } finally {
    await embedded?.stop();
  }
  log(failures === 0 ? 'all migrations applied' : `${failures} app(s) failed to migrate`);
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
