import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describePorts, planApps, readinessTargets, type AppPlan } from './launcher/apps.plan';
import { chooseDatabase, type ChosenDatabase } from './launcher/database.choice';
import { adminLogin, type AdminLogin } from './launcher/demo-admin';
import { keptDemoSecrets } from './launcher/demo-secrets';
import { databaseDeps, natsDeps } from './launcher/infrastructure';
import { logAs } from './launcher/log';
import { chooseNats } from './launcher/nats.choice';
import { httpOk } from './launcher/probes';
import { announceWhenReady } from './launcher/readiness';
import { StopRequests } from './launcher/stop.signals';
import { describeExit, Supervisor } from './launcher/supervisor';

/**
 * `npm start`: the whole suite on one machine. Picks (or starts) PostgreSQL and NATS, runs every app
 * that has been built as its own Node process with prefixed logs, and stops them all together, on
 * whatever signal ends the launcher (Ctrl-C, an IDE's stop button, `timeout`, a closed terminal).
 */
const ROOT = resolve(__dirname, '..', '..');
const DATA_DIR = join(ROOT, '.data');
// Every app stops within its SHUTDOWN_TIMEOUT_MS (4.5 s by default); leave a configured one more room.
const APP_STOP_TIMEOUT_MS = 15000;
const INFRA_STOP_TIMEOUT_MS = 5000;

const log = logAs('launcher');
const apps = new Supervisor(log);
const infra = new Supervisor(log);
const readiness = new AbortController();
const stopRequests = new StopRequests();
let database: ChosenDatabase | undefined;
let shuttingDown = false;

async function shutdown(exitCode: number, reason: string): Promise<void> {
  if (shuttingDown) return;
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

function onStopSignal(signal: NodeJS.Signals): void {
  switch (stopRequests.decide()) {
    case 'stop':
      void shutdown(0, `${signal} received`);
      return;
    case 'same-request':
      return;
    case 'kill-now':
      log(`${signal} again: killing what is left`);
      // The exit hooks kill the apps and the servers; an embedded database is told to stop at once.
      process.exit(130);
  }
}

async function main(): Promise<void> {
  const env = process.env;
  process.on('exit', () => {
    apps.killAllNow();
    infra.killAllNow();
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onStopSignal);
  infra.onUnexpectedExit((exit) => void shutdown(1, `${exit.name} ${describeExit(exit)}`));

  try {
    database = await chooseDatabase(
      env,
      relative(process.cwd(), join(DATA_DIR, 'postgres')) || '.',
      databaseDeps(log),
      log,
    );
    const nats = await chooseNats(env, join(DATA_DIR, 'nats'), natsDeps(infra, join(DATA_DIR, 'nats')), log);
    const admin = adminLogin(env, join(DATA_DIR, 'demo-admin-password'));
    const plans = planApps(
      env,
      {
        databaseUrl: database.url,
        natsUrl: nats.url,
        launcherPid: process.pid,
        admin,
        terminal: process.stdout.isTTY === true,
        demoSecrets: keptDemoSecrets(env, join(DATA_DIR, 'demo-secrets.json')),
      },
      ROOT,
    );
    startApps(plans, admin);
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    await shutdown(1, 'could not start the suite');
  }
}

function startApps(plans: AppPlan[], admin: AdminLogin | undefined): void {
  const runnable = plans.filter((plan) => {
    if (existsSync(plan.main)) return true;
    log(`warning: ${plan.name} is not built (${relative(ROOT, plan.main)} is missing); skipping it`);
    return false;
  });
  if (runnable.length === 0) throw new Error('no app is built: run npm run build');

  apps.onUnexpectedExit((exit) => void shutdown(1, `${exit.name} ${describeExit(exit)}`));
  for (const plan of runnable) {
    const child = apps.start({
      name: plan.name,
      command: process.execPath,
      args: [plan.main],
      env: plan.env,
      cwd: ROOT,
    });
    log(`started ${plan.name} (pid ${child.pid}; ${describePorts(plan)})`);
  }

  const gateway = runnable.find((plan) => plan.name === 'gateway');
  const targets = readinessTargets(runnable);
  const announce = gateway
    ? () => void announceGateway(`http://localhost:${gateway.ports.http}`, admin)
    : () => log(`services ready (${runnable.map((p) => p.name).join(', ')}); no gateway is running`);
  void announceWhenReady(targets, announce, { check: (url) => httpOk(url), log, signal: readiness.signal });
}

async function announceGateway(base: string, admin: AdminLogin | undefined): Promise<void> {
  log(readyLine(base, admin, await httpOk(`${base}/console/`)));
}

/** The line a person waits for: where to go, and how to log in. It names the console once it is served. */
function readyLine(base: string, admin: AdminLogin | undefined, consoleServed: boolean): string {
  const parts = [`ready at ${base}/`, `API docs ${base}/api/docs`];
  if (consoleServed) parts.push(`console ${base}/console/`);
  if (admin?.password !== undefined) {
    const kept = admin.passwordFile ? ` (kept in ${relative(process.cwd(), admin.passwordFile)})` : '';
    parts.push(`log in as ${admin.email} with password ${admin.password}${kept}`);
  } else if (admin) {
    parts.push(`log in as ${admin.email} with your ADMIN_PASSWORD`);
  }
  return parts.join(' | ');
}

void main();
