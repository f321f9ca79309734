import { randomBytes } from 'node:crypto';
import { AppProcess } from './app-process';
import { freePort } from './free-port';
import { createTestDatabase, TestDatabase } from './test-database';
import { TEST_NATS_URL } from './test-nats';
import { waitFor } from './wait-for';
import { connect } from 'nats';
import { NatsNamespace } from '@app/messaging';

export const SERVICE_NAMES = ['polls', 'comments', 'reporter', 'notifications'] as const;
export type SuiteService = (typeof SERVICE_NAMES)[number];

export const SUITE_ADMIN = { email: 'admin@suite.test', password: 'a-long-admin-password' };

export interface SuiteOptions {
  /** Services to start; all by default. */
  services?: readonly SuiteService[];
  /** Extra environment for the gateway. */
  gatewayEnv?: NodeJS.ProcessEnv;
  /** Extra environment for every service. */
  serviceEnv?: NodeJS.ProcessEnv;
  /** NATS_URL of every app: a NATS of the test's own (a cluster, one it restarts) instead of the test run's. */
  natsUrl?: string;
  /** A PostgreSQL server of the test's own, where the suite's database is made, instead of the test run's. */
  postgresUrl?: string;
}

/**
 * The whole suite as separate processes from the build, on a fresh database and the test NATS: what a
 * suite test talks to over HTTP, as a portal would.
 */
export class Suite {
  readonly secrets = {
    READER_TOKEN_SECRET: randomBytes(32).toString('hex'),
    STAFF_JWT_SECRET: randomBytes(32).toString('hex'),
    HASH_SECRET: randomBytes(32).toString('hex'),
  };
  /** The reporter's contact key ring (required outside demo mode), one for every copy and restart. */
  readonly reporterContactKeys = `suite:${randomBytes(32).toString('base64')}`;
  /**
   * The suite's own NATS namespace: its subjects, queue groups and stream never meet another suite's,
   * nor what a test that failed half-way left on the test NATS.
   */
  readonly natsPrefix = `suite${randomBytes(4).toString('hex')}`;
  /** EVENTS_STREAM of its apps. */
  readonly eventsStream = 'SUITE_EVENTS';
  /** The JetStream stream as the apps name it inside the namespace; removed at the end. */
  readonly jetStreamName = new NatsNamespace(this.natsPrefix).name(this.eventsStream);
  readonly services = new Map<string, AppProcess[]>();
  gateways: AppProcess[] = [];
  /** Each gateway copy's operators' port (METRICS_PORT): metrics and the echo chain. */
  gatewayOpsUrls: string[] = [];
  database!: TestDatabase;
  baseUrl = '';

  constructor(private readonly options: SuiteOptions = {}) {}

  get natsUrl(): string {
    return this.options.natsUrl ?? TEST_NATS_URL;
  }

  static async start(options: SuiteOptions = {}): Promise<Suite> {
    const suite = new Suite(options);
    suite.database = await createTestDatabase('engage_suite', options.postgresUrl);
    try {
      for (const service of options.services ?? SERVICE_NAMES) await suite.startService(service);
      suite.baseUrl = await suite.startGateway();
      await suite.waitReady(suite.baseUrl, options.services ?? SERVICE_NAMES);
    } catch (error) {
      await suite.stop();
      throw error;
    }
    return suite;
  }

  get commonEnv(): NodeJS.ProcessEnv {
    return {
      DATABASE_URL: this.database.url,
      NATS_URL: this.natsUrl,
      // Tests read the per-request lines (request ids), which are logged at debug.
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
      DEMO: 'false',
      HEALTH_PORT: '0',
      EVENTS_STREAM: this.eventsStream,
      NATS_PREFIX: this.natsPrefix,
      REPORTER_CONTACT_KEYS: this.reporterContactKeys,
    };
  }

  /** Starts one more copy of a service; resolves when it answers on NATS (within `timeoutMs`). */
  async startService(
    name: SuiteService,
    env: NodeJS.ProcessEnv = {},
    timeoutMs = 30000,
  ): Promise<AppProcess> {
    const app = new AppProcess(name, { ...this.commonEnv, ...this.options.serviceEnv, ...env }).start();
    const copies = this.services.get(name) ?? [];
    copies.push(app);
    this.services.set(name, copies);
    await app.waitForLine(/is answering on NATS/, timeoutMs);
    return app;
  }

  /**
   * Starts one more copy of a service with its operators' port (METRICS_PORT) open; resolves with the
   * copy and that port's URL once it answers on NATS.
   */
  async startServiceWithOps(
    name: SuiteService,
    env: NodeJS.ProcessEnv = {},
    timeoutMs = 30000,
  ): Promise<{ app: AppProcess; opsUrl: string }> {
    const metricsPort = await freePort();
    const app = await this.startService(
      name,
      { HOST: '127.0.0.1', METRICS_PORT: String(metricsPort), ...env },
      timeoutMs,
    );
    return { app, opsUrl: `http://127.0.0.1:${metricsPort}` };
  }

  /** Starts one more gateway copy; resolves with its base URL once it listens (within `timeoutMs`). */
  async startGateway(env: NodeJS.ProcessEnv = {}, timeoutMs = 30000): Promise<string> {
    const port = await freePort();
    const metricsPort = await freePort();
    const app = new AppProcess('gateway', {
      ...this.commonEnv,
      ...this.secrets,
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      HOST: '127.0.0.1',
      ADMIN_EMAIL: SUITE_ADMIN.email,
      ADMIN_PASSWORD: SUITE_ADMIN.password,
      NATS_REQUEST_TIMEOUT_MS: '2000',
      READER_TOKENS_PER_ADDRESS_PER_HOUR: '100000',
      ...this.options.gatewayEnv,
      ...env,
    }).start();
    this.gateways.push(app);
    this.gatewayOpsUrls.push(`http://127.0.0.1:${metricsPort}`);
    await app.waitForLine(/gateway listening on/, timeoutMs);
    return `http://127.0.0.1:${port}`;
  }

  async waitReady(baseUrl: string, services: readonly SuiteService[]): Promise<void> {
    await waitFor(
      async () => {
        const response = await fetch(`${baseUrl}/health/ready`).catch(() => null);
        if (!response) return false;
        const body = (await response.json()) as { services?: Record<string, boolean> };
        return services.every((service) => body.services?.[service] === true);
      },
      30000,
      'the gateway to see every service',
    );
  }

  service(name: SuiteService, copy = 0): AppProcess {
    const app = this.services.get(name)?.[copy];
    if (!app) throw new Error(`no copy ${copy} of ${name}`);
    return app;
  }

  /** Every log line of every process, parsed. */
  allJsonLines(): Record<string, unknown>[] {
    return [...this.gateways, ...[...this.services.values()].flat()].flatMap((app) => app.jsonLines());
  }

  async stop(): Promise<void> {
    await Promise.all(this.gateways.map((gateway) => gateway.stop()));
    await Promise.all([...this.services.values()].flat().map((app) => app.stop()));
    await this.database?.drop();
    await deleteStream(this.natsUrl, this.jetStreamName);
  }
}

async function deleteStream(natsUrl: string, name: string): Promise<void> {
  const nc = await connect({ servers: natsUrl.split(',') });
  try {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete(name).catch(() => undefined);
  } finally {
    await nc.close();
  }
}
