import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { BenchChild } from './child.process';
import { freePort } from '@test/support/free-port';
import { waitFor as waitUntil } from '@test/support/wait-for';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

export const BENCH_ADMIN = { email: 'admin@bench.test', password: 'a-long-bench-admin-password' };

export interface EngageProcesses {
  baseUrl: string;
  /** The gateway's operators' port (METRICS_PORT): metrics and the echo chain. */
  opsUrl: string;
  eventsStream: string;
  children: BenchChild[];
}

/**
 * The polls, comments and reporter services and the gateway from the build, as production runs them but quiet (LOG_LEVEL=warn,
 * so writing logs does not weigh on the figures) and with the per-address limits set for many readers
 * behind one trusted proxy: every reader of the bench brings its own X-Forwarded-For address.
 */
export async function startEngage(
  databaseUrl: string,
  natsUrl: string,
  profile: { apps: string[]; directory: string },
): Promise<EngageProcesses> {
  const eventsStream = `BENCH_EVENTS_${randomBytes(4).toString('hex').toUpperCase()}`;
  const common = {
    DATABASE_URL: databaseUrl,
    NATS_URL: natsUrl,
    EVENTS_STREAM: eventsStream,
    LOG_LEVEL: 'warn',
    DEMO: 'false',
  };
  const port = await freePort();
  const opsPort = await freePort();
  // A CPU profile is written when the process exits, i.e. when the bench stops it.
  const args = (app: string): string[] => [
    ...(profile.apps.includes(app) ? ['--cpu-prof', `--cpu-prof-dir=${profile.directory}`] : []),
    appMain(app),
  ];
  const children = [
    BenchChild.spawn('polls', process.execPath, args('polls'), { ...common, HEALTH_PORT: '0' }),
    // Every reader of scenario (h) posts once from an address of their own: the posting limits stay on.
    BenchChild.spawn('comments', process.execPath, args('comments'), { ...common, HEALTH_PORT: '0' }),
    // Every submission of scenarios (j) and (k) comes from an address of its own: the limit stays on.
    BenchChild.spawn('reporter', process.execPath, args('reporter'), {
      ...common,
      HEALTH_PORT: '0',
      REPORTER_CONTACT_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    }),
    BenchChild.spawn('gateway', process.execPath, args('gateway'), {
      ...common,
      PORT: String(port),
      METRICS_PORT: String(opsPort),
      HOST: '127.0.0.1',
      TRUST_PROXY: '127.0.0.1',
      READER_TOKENS_PER_ADDRESS_PER_HOUR: '1000000',
      READER_TOKEN_SECRET: randomBytes(32).toString('hex'),
      STAFF_JWT_SECRET: randomBytes(32).toString('hex'),
      HASH_SECRET: randomBytes(32).toString('hex'),
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
    }),
  ];
  const baseUrl = `http://127.0.0.1:${port}`;
  const opsUrl = `http://127.0.0.1:${opsPort}`;
  const running = { baseUrl, opsUrl, eventsStream, children };
  try {
    // The echo chain answers 200 only once the gateway listens and the service answers on NATS.
    for (const service of ['polls', 'comments', 'reporter']) {
      await waitUntil(
        async () => {
          const down = children.find((child) => !child.running);
          if (down) throw new Error(`${down.name} exited during start:\n${down.lastLines()}`);
          const answer = await fetch(`${opsUrl}/health/services/${service}/echo`).catch(() => null);
          return answer?.status === 200;
        },
        60000,
        `the gateway to answer the ${service} echo`,
        200,
      );
    }
  } catch (error) {
    await Promise.all(children.map((child) => child.stop()));
    throw error;
  }
  return running;
}

function appMain(app: string): string {
  const main = join(REPO_ROOT, 'dist', 'apps', app, 'src', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run "npm run build" first`);
  return main;
}
