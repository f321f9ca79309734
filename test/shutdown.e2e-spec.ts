import { randomBytes } from 'node:crypto';
import { AppProcess } from '@test/support/app-process';
import { freePort } from '@test/support/free-port';
import { createTestDatabase, TestDatabase } from '@test/support/test-database';
import { TEST_NATS_URL } from '@test/support/test-nats';

/** What the orchestrators and the launcher allow a process between SIGTERM and SIGKILL. */
const STOP_BOUND_MS = 5000;

describe('stopping', () => {
  let database: TestDatabase;
  const apps: AppProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('engage_shutdown');
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.kill()));
  });
  afterAll(() => database?.drop());

  const envFor = (name: string, overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    DATABASE_URL: database.url,
    NATS_URL: TEST_NATS_URL,
    // A namespace of its own: a stream left by a process stopped half-way meets no other test's.
    NATS_PREFIX: `shutdown${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    DEMO: 'false',
    HEALTH_PORT: '0',
    ...(name === 'gateway'
      ? {
          PORT: '0',
          HOST: '127.0.0.1',
          READER_TOKEN_SECRET: randomBytes(32).toString('hex'),
          STAFF_JWT_SECRET: randomBytes(32).toString('hex'),
          HASH_SECRET: randomBytes(32).toString('hex'),
        }
      : {}),
    ...overrides,
  });

  const start = (name: string, overrides: NodeJS.ProcessEnv = {}): AppProcess => {
    const app = new AppProcess(name, envFor(name, overrides)).start();
    apps.push(app);
    return app;
  };

  /** SIGTERM, then the exit code and how long the exit took (SIGKILL only long after the bound). */
  const timedStop = async (app: AppProcess): Promise<{ code: number | null; ms: number }> => {
    const started = Date.now();
    const code = await app.stop(3 * STOP_BOUND_MS);
    return { code, ms: Date.now() - started };
  };

  const READY = { gateway: /gateway listening on/, comments: /is answering on NATS/ } as const;

  it.each(['comments', 'gateway'] as const)(
    'stops a running %s within 5 s of SIGTERM, with exit code 0',
    async (name) => {
      const app = start(name);
      await app.waitForLine(READY[name]);
      const { code, ms } = await timedStop(app);
      expect(code).toBe(0);
      expect(ms).toBeLessThan(STOP_BOUND_MS);
      expect(app.lines.some((line) => /SIGTERM received: stopping/.test(line))).toBe(true);
    },
  );

  it.each(['comments', 'gateway'] as const)(
    'stops a %s still waiting for NATS within 5 s of SIGTERM, saying where it was',
    async (name) => {
      const app = start(name, { NATS_URL: `nats://127.0.0.1:${await freePort()}` });
      await app.waitForLine(/waiting for NATS/);
      const { code, ms } = await timedStop(app);
      expect(ms).toBeLessThan(STOP_BOUND_MS);
      expect(code).toBe(0);
      expect(app.lines.some((line) => /SIGTERM during start-up \(waiting for NATS\)/.test(line))).toBe(true);
    },
  );

  it.each(['comments', 'gateway'] as const)(
    'stops a %s still waiting for its database within 5 s of SIGTERM, saying where it was',
    async (name) => {
      const app = start(name, { DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/postgres` });
      await app.waitForLine(/waiting for the database/);
      const { code, ms } = await timedStop(app);
      expect(ms).toBeLessThan(STOP_BOUND_MS);
      expect(code).toBe(0);
      expect(
        app.lines.some((line) => /SIGTERM during start-up \(waiting for the database\)/.test(line)),
      ).toBe(true);
    },
  );

  it('stops a service waiting on the migrations lock within 5 s of SIGTERM', async () => {
    const holder = new (await import('pg')).Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('select pg_advisory_lock(hashtext($1))', ['migrations:comments']);
      const app = start('comments', { LOG_LEVEL: 'debug' });
      await app.waitForLine(/applying migrations and starting the modules/);
      const { code, ms } = await timedStop(app);
      expect(ms).toBeLessThan(STOP_BOUND_MS);
      expect(code).toBe(0);
      expect(app.lines.some((line) => /SIGTERM during start-up \(applying migrations/.test(line))).toBe(true);
    } finally {
      await holder.end();
    }
  });
});
