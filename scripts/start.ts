import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { planApps, type AppPlan } from './launcher/apps.plan';
import { chooseDatabase, type ChosenDatabase } from './launcher/database.choice';
import { databaseDeps, natsDeps } from './launcher/infrastructure';
import { logAs } from './launcher/log';
import { chooseNats } from './launcher/nats.choice';
import { httpOk } from './launcher/probes';
import { announceWhenReady } from './launcher/readiness';
import { describeExit, Supervisor } from './launcher/supervisor';

/**
 * `npm start`: the whole suite on one machine. Picks (or starts) PostgreSQL and NATS, runs every app
 * that has been built as its own Node process with prefixed logs, and stops them all together.
 */
const ROOT = resolve(__dirname, '..', '..');
// Services drain for up to SHUTDOWN_GRACE_MS (10 s by default); leave them a little more.
const APP_STOP_TIMEOUT_MS = 15000;
const INFRA_STOP_TIMEOUT_MS = 5000;

const log = logAs('launcher');
const apps = new Supervisor(log);
const infra = new Supervisor(log);
const readiness = new AbortController();
let database: ChosenDatabase | undefined;
let shuttingDown = false;

async function shutdown(exitCode: number, reason: string): Promise<never> {
  if (shuttingDown) {
    log('stopping now: killing what is left');
    apps.killAllNow();
    infra.killAllNow();
    process.exit(exitCode || 130);
  }
  shuttingDown = true;
  readiness.abort();
  const running = apps.running();
  log(running.length > 0 ? `${reason}; stopping ${running.join(', ')}` : reason);
  await apps.stopAll(APP_STOP_TIMEOUT_MS);
  if (infra.running().length > 0) {
    log(`stopping ${infra.running().join(', ')}`);
    await infra.stopAll(INFRA_STOP_TIMEOUT_MS);
  }
  await database
    ?.stop()
    .catch((error: unknown) => log(`embedded database did not stop cleanly: ${String(error)}`));
  log(exitCode === 0 ? 'stopped' : `stopped after a failure (exit code ${exitCode})`);
  process.exit(exitCode);
}

async function main(): Promise<void> {
  const env = process.env;
  process.on('exit', () => {
    apps.killAllNow();
    infra.killAllNow();
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void shutdown(0, `${signal} received`));
  }
  infra.onUnexpectedExit((exit) => void shutdown(1, `${exit.name} ${describeExit(exit)}`));

  try {
    database = await chooseDatabase(
      env,
      relative(process.cwd(), join(ROOT, '.data', 'pglite')) || '.',
      databaseDeps,
      log,
    );
    const nats = await chooseNats(
      env,
      join(ROOT, '.data', 'nats'),
      natsDeps(infra, join(ROOT, '.data', 'nats')),
      log,
    );
    const plans = planApps(env, { databaseUrl: database.url, natsUrl: nats.url }, ROOT);
    startApps(plans);
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    await shutdown(1, 'could not start the suite');
  }
}

function startApps(plans: AppPlan[]): void {
  const runnable = plans.filter((plan) => {
    if (existsSync(plan.main)) return true;
    log(`warning: ${plan.name} is not built (${relative(ROOT, plan.main)} is missing); skipping it`);
    return false;
  });
  if (runnable.length === 0) throw new Error('no app is built: run npm run build');

  apps.onUnexpectedExit((exit) => void shutdown(1, `${exit.name} ${describeExit(exit)}`));
  for (const plan of runnable) {
    apps.start({ name: plan.name, command: process.execPath, args: [plan.main], env: plan.env, cwd: ROOT });
    const port = plan.env.HEALTH_PORT ?? plan.env.PORT;
    log(`started ${plan.name} (port ${port})`);
  }

  const gateway = runnable.find((plan) => plan.name === 'gateway');
  const targets = (gateway ? [gateway] : runnable).map((plan) => ({ name: plan.name, url: plan.readyUrl }));
  const announce = gateway
    ? () => log(`ready at http://localhost:${gateway.env.PORT}/`)
    : () => log(`services ready (${runnable.map((p) => p.name).join(', ')}); no gateway is running`);
  void announceWhenReady(targets, announce, { check: (url) => httpOk(url), log, signal: readiness.signal });
}

void main();
