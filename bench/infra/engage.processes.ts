import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { BenchChild } from './child.process';
import { freePort } from '@test/support/free-port';
import { waitFor as waitUntil } from '@test/support/wait-for';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

export const BENCH_ADMIN = { email: 'admin@bench.test', password: 'a-long-bench-admin-password' };

export interface EngageProcesses {
  /** Every gateway copy's public base URL; the setup talks to the first. */
  baseUrls: string[];
  /** Every gateway copy's operators' port (METRICS_PORT): metrics and the echo chain. */
  opsUrls: string[];
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
  copies: { gateways: number; polls: number } = { gateways: 1, polls: 1 },
): Promise<EngageProcesses> {
  const eventsStream = `BENCH_EVENTS_${randomBytes(4).toString('hex').toUpperCase()}`;
  const common = {
    DATABASE_URL: databaseUrl,
    NATS_URL: natsUrl,
    EVENTS_STREAM: eventsStream,
    LOG_LEVEL: 'warn',
    DEMO: 'false',
  };
  // A CPU profile is written when the process exits, i.e. when the bench stops it.
  const args = (app: string): string[] => [
    ...(profile.apps.includes(app) ? ['--cpu-prof', `--cpu-prof-dir=${profile.directory}`] : []),
    appMain(app),
  ];
  // Every copy of the gateway accepts the tokens any other issued, as behind a load balancer.
  const gatewaySecrets = {
    READER_TOKEN_SECRET: randomBytes(32).toString('hex'),
    STAFF_JWT_SECRET: randomBytes(32).toString('hex'),
    HASH_SECRET: randomBytes(32).toString('hex'),
  };
  const ports = await Promise.all(
    Array.from({ length: copies.gateways }, async () => ({
      port: await freePort(),
      opsPort: await freePort(),
    })),
  );
  const children = [
    ...Array.from({ length: copies.polls }, () =>
      BenchChild.spawn('polls', process.execPath, args('polls'), { ...common, HEALTH_PORT: '0' }),
    ),
    // Every reader of scenario (h) posts once from an address of their own: the posting limits stay on.
    BenchChild.spawn('comments', process.execPath, args('comments'), { ...common, HEALTH_PORT: '0' }),
    // Every submission of scenarios (j) and (k) comes from an address of its own: the limit stays on.
    BenchChild.spawn('reporter', process.execPath, args('reporter'), {
      ...common,
      HEALTH_PORT: '0',
      REPORTER_CONTACT_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    }),
    ...ports.map(({ port, opsPort }) =>
      BenchChild.spawn('gateway', process.execPath, args('gateway'), {
        ...common,
        ...gatewaySecrets,
        PORT: String(port),
        METRICS_PORT: String(opsPort),
        HOST: '127.0.0.1',
        TRUST_PROXY: '127.0.0.1',
        READER_TOKENS_PER_ADDRESS_PER_HOUR: '1000000',
        ADMIN_EMAIL: BENCH_ADMIN.email,
        ADMIN_PASSWORD: BENCH_ADMIN.password,
      }),
    ),
  ];
  const baseUrls = ports.map(({ port }) => `http://127.0.0.1:${port}`);
  const opsUrls = ports.map(({ opsPort }) => `http://127.0.0.1:${opsPort}`);
  const running = { baseUrls, opsUrls, eventsStream, children };
  try {
    // The echo chain answers 200 only once the gateway listens and the service answers on NATS.
    for (const opsUrl of opsUrls) {
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
