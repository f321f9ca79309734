import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppProcess } from '@test/support/app-process';
import { HttpClient } from '@test/support/http-client';
import { SERVICE_NAMES, Suite, SUITE_ADMIN, SuiteService } from '@test/support/suite';
import { waitFor } from '@test/support/wait-for';
import { NatsCluster } from '@test/support/nats-cluster';
import { submissionForm } from '@test/support/submission-form';
// The gateway's own token and hashing code: the test mints each reader's token and knows the id the
// database keeps for it, without a request per reader during the load.
import { KeyedHasher } from '../../apps/gateway/src/identity/keyed-hasher';
import { ReaderTokens } from '../../apps/gateway/src/identity/reader-tokens';
import { EventDelivery, eventDelivery } from './support/event-delivery';
import {
  brokenAnswers,
  FaultRow,
  faultRow,
  faultTable,
  RequestRecord,
  storedCounts,
  succeeded,
} from './support/fault-report';
import { LoadGenerator, PlannedRequest } from './support/load-generator';
import { OwnNats } from './support/own-nats';
import { OwnPostgres } from './support/own-postgres';

/**
 * Faults under load: while readers vote, comment and send news at a steady rate through two gateways,
 * each part of the suite in turn is killed (-9) or restarted. Short by default (part of `npm test`);
 * `npm run test:faults` runs it long (FAULTS_SECONDS of load after each part is back).
 *
 * One copy of each service, so a killed service is missed (503s) until it is started again, as an
 * orchestrator would; two gateways behind the load generator's round robin, which sends a request
 * refused at connect to the other one. The suite runs twice: on one NATS server (every fault but the
 * cluster's), and on a three-server cluster with three copies of the events stream, which loses the
 * server leading the stream.
 */
const LOAD_AFTER_REPAIR_MS = Number(process.env.FAULTS_SECONDS ?? 5) * 1000;
/** Steady load before the fault, so the window starts from a working suite. */
const LOAD_BEFORE_FAULT_MS = 2000;
const RATE_PER_SECOND = Number(process.env.FAULTS_RATE ?? 10);
/** The gateway's deadline for a service's answer (then a 503). */
const REQUEST_TIMEOUT_MS = 3000;
/**
 * A request unanswered this long hung: a submission waits on two calls to the reporter (the intake's
 * start and its completion), each with the gateway's deadline, plus a busy machine's slack.
 */
const CLIENT_DEADLINE_MS = 2 * REQUEST_TIMEOUT_MS + 8000;
/** Longest a part may take to work again once it is back. */
const RECOVERY_LIMIT_MS = 20000;
/** Longest the outboxes and consumers may take to catch up after the load. */
const SETTLE_MS = 60000;
const START_TIMEOUT_MS = 60000;
const ARTIFACTS = join(__dirname, 'artifacts');

interface Fault {
  name: string;
  /** The process the fault kills, if it kills one: every other must live through it. */
  victim?(): AppProcess;
  /** Breaks the part; resolves once it is back (or at once, when nothing comes back). */
  inject(): Promise<void>;
}

/** The NATS the suite runs on: one server of the test's own, or a cluster of three. */
interface NatsUnderTest {
  url: string;
  /** Breaks this NATS the way it can break, with the suite on it; resolves once it is back. */
  breakAndRepair(suite: Suite): Promise<void>;
  stop(): Promise<void>;
}

/** A way of running NATS, named by the fault it can have. */
interface NatsSetting {
  title: string;
  faultName: string;
  streamReplicas: number;
  /** The faults that need no particular NATS run on the first setting only. */
  withOtherFaults: boolean;
  start(): Promise<NatsUnderTest>;
}

const oneServer: NatsSetting = {
  title: 'on one NATS server',
  faultName: 'NATS restart',
  streamReplicas: 1,
  withOtherFaults: true,
  async start() {
    const nats = await OwnNats.start();
    return { url: nats.url, breakAndRepair: () => nats.restart(), stop: () => nats.stop() };
  },
};

const threeServers: NatsSetting = {
  title: 'on a three-server NATS cluster',
  faultName: 'NATS node lost (of 3)',
  streamReplicas: 3,
  withOtherFaults: false,
  async start() {
    const cluster = await NatsCluster.start();
    await cluster.waitForMetaLeader();
    return {
      url: cluster.url,
      // The hardest server to lose: the one leading the events stream (a new leader is elected).
      async breakAndRepair(suite) {
        const stream = suite.jetStreamName;
        const leader = await cluster.streamLeader(stream);
        await cluster.killNode(leader);
        await cluster.waitForStreamCurrent(stream, 60000);
        await cluster.restartNode(leader, 60000);
        await cluster.waitForStreamCurrent(stream, 60000);
      },
      stop: () => cluster.stop(),
    };
  },
};

const rows: FaultRow[] = [];

afterAll(() => {
  const table = faultTable(rows);
  process.stdout.write(
    `\nfaults under load (${RATE_PER_SECOND}/s, ${LOAD_AFTER_REPAIR_MS / 1000} s after each repair):\n${table}\n`,
  );
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, 'faults.md'), `${table}\n`);
});

describe.each([oneServer, threeServers])('faults under load $title', (setting) => {
  let postgres: OwnPostgres;
  let nats: NatsUnderTest;
  let suite: Suite;
  let admin: string;
  let gatewayUrls: string[];
  let tokens: ReaderTokens;
  let hasher: KeyedHasher;
  const run = randomBytes(3).toString('hex');

  beforeAll(async () => {
    postgres = await OwnPostgres.start();
    nats = await setting.start();
    const replicas = { EVENTS_STREAM_REPLICAS: String(setting.streamReplicas) };
    suite = await Suite.start({
      services: [],
      natsUrl: nats.url,
      postgresUrl: postgres.url,
      gatewayEnv: {
        ...replicas,
        NATS_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
        DATABASE_POOL_MAX: '4',
      },
      serviceEnv: {
        ...replicas,
        DATABASE_POOL_MAX: '4',
        POLL_VOTES_PER_ADDRESS_PER_HOUR: '0',
        COMMENTS_PER_ADDRESS_PER_WINDOW: '0',
        SUBMISSIONS_PER_ADDRESS_PER_HOUR: '0',
      },
    });
    await Promise.all(SERVICE_NAMES.map((service) => suite.startService(service, {}, START_TIMEOUT_MS)));
    gatewayUrls = [suite.baseUrl, await suite.startGateway()];
    await Promise.all(gatewayUrls.map((url) => suite.waitReady(url, SERVICE_NAMES)));
    tokens = new ReaderTokens(suite.secrets.READER_TOKEN_SECRET);
    hasher = new KeyedHasher(suite.secrets.HASH_SECRET);
    admin = await new HttpClient(gatewayUrls[0]).login(SUITE_ADMIN.email, SUITE_ADMIN.password);
  }, 180000);

  afterAll(async () => {
    await suite?.stop();
    await nats?.stop();
    await postgres?.stop();
  });

  const allProcesses = (): AppProcess[] => [...suite.gateways, ...[...suite.services.values()].flat()];
  const unexpectedSince = (from: number): string[] =>
    suite
      .allJsonLines()
      .filter((line) => /unexpected error/.test(String(line.msg)) && Date.parse(String(line.time)) >= from)
      .map((line) => JSON.stringify(line).slice(0, 600));
  const lastCopy = (service: SuiteService) => suite.services.get(service)!.at(-1)!;

  /** Kills the service's copy and starts a new one, as an orchestrator restarts a dead container. */
  const killService = (service: SuiteService): Fault => ({
    name: `kill -9 ${service}`,
    victim: () => lastCopy(service),
    async inject() {
      await lastCopy(service).kill();
      await suite.startService(service, {}, START_TIMEOUT_MS);
    },
  });

  const natsFault: Fault = { name: setting.faultName, inject: () => nats.breakAndRepair(suite) };
  const faults: Fault[] = setting.withOtherFaults
    ? [
        ...SERVICE_NAMES.map(killService),
        natsFault,
        {
          name: 'PostgreSQL restart',
          inject: () => postgres.restart(),
        },
        {
          // Last: the load goes on through the other gateway alone.
          name: 'kill -9 of a gateway',
          victim: () => suite.gateways[1],
          inject: () => suite.gateways[1].kill(),
        },
      ]
    : [natsFault];

  /** One fault's own poll, article and titles, so its rows are told from every other fault's. */
  async function planFor(fault: string): Promise<(n: number) => PlannedRequest> {
    const created = await new HttpClient(gatewayUrls[0]).post<{ id: string; options: { id: string }[] }>(
      '/api/v1/polls',
      { question: `Сбой: ${fault}?`, options: ['Да', 'Нет', 'Не знаю'] },
      { token: admin },
    );
    if (created.status !== 201) throw new Error(`poll: ${created.status} ${created.text}`);
    const poll = created.body;
    const article = `fault-${run}-${fault.replace(/\W+/g, '-')}`;
    return (n) => {
      const tag = `${run} ${fault} № ${n}`;
      if (n % 10 < 5) {
        const token = tokens.issue();
        return {
          kind: 'vote',
          key: hasher.hash('reader', tokens.verify(token)!),
          path: `/api/v1/polls/${poll.id}/votes`,
          init: () => ({
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-reader-token': token },
            body: JSON.stringify({ optionIds: [poll.options[n % 3].id] }),
          }),
        };
      }
      if (n % 10 < 8) {
        const token = tokens.issue();
        const body = `Мнение ${tag}`;
        return {
          kind: 'comment',
          key: body,
          path: `/api/v1/articles/${article}/comments`,
          init: () => ({
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-reader-token': token },
            body: JSON.stringify({ authorName: 'Читатель', body }),
          }),
        };
      }
      const title = `Новость ${tag}`;
      const key = `fault-${run}-${n}-${randomBytes(6).toString('hex')}`;
      return {
        kind: 'submission',
        key: title,
        path: '/api/v1/submissions',
        init: () => ({ method: 'POST', headers: { 'idempotency-key': key }, body: submissionForm(title) }),
      };
    };
  }

  /** How many rows each request's key has: ballots by reader, comments by body, submissions by title. */
  async function rowCounts(records: readonly RequestRecord[]): Promise<Map<string, number>> {
    const keys = (kind: string) =>
      records.filter((record) => record.kind === kind).map((record) => record.key);
    const statements: Record<RequestRecord['kind'], string> = {
      vote: `select reader_id as key, count(*) as n from polls.ballot where reader_id = any($1) group by reader_id`,
      comment: `select body as key, count(*) as n from comments.comment where body = any($1) group by body`,
      submission: `select title as key, count(*) as n from reporter.submission where title = any($1) group by title`,
    };
    const counts = new Map<string, number>();
    await withDatabase(async (db) => {
      for (const [kind, statement] of Object.entries(statements)) {
        const result = await db.query<{ key: string; n: string }>(statement, [keys(kind)]);
        for (const row of result.rows) counts.set(row.key, Number(row.n));
      }
    });
    return counts;
  }

  /** A connection of its own for each check: the one before may have died with PostgreSQL's restart. */
  async function withDatabase<T>(work: (db: Client) => Promise<T>): Promise<T> {
    const db = new Client({ connectionString: suite.database.url });
    await db.connect();
    try {
      return await work(db);
    } finally {
      await db.end();
    }
  }

  it.each(faults.map((fault) => [fault.name, fault] as const))(
    '%s: every 2xx stored once, every event delivered once, 503s with Retry-After, recovered in time',
    async (name, fault) => {
      const load = new LoadGenerator({
        ratePerSecond: RATE_PER_SECOND,
        gateways: () => gatewayUrls,
        deadlineMs: CLIENT_DEADLINE_MS,
        plan: await planFor(name),
      }).start();
      await waitFor(
        () => load.records.length >= (RATE_PER_SECOND * LOAD_BEFORE_FAULT_MS) / 1000,
        30000,
        'load before the fault',
      );
      const victim = fault.victim?.();
      const survivors = allProcesses().filter((process) => process !== victim && process.running);
      const faultAt = Date.now();
      await fault.inject();
      const backAt = Date.now();
      await waitFor(
        () =>
          load.records.filter((record) => record.sentAt >= backAt).length >=
          (RATE_PER_SECOND * LOAD_AFTER_REPAIR_MS) / 1000,
        LOAD_AFTER_REPAIR_MS + 60000,
        'load after the repair',
        100,
      );
      const records = await load.stop();

      let delivery: EventDelivery | null = null;
      await waitFor(
        async () => {
          delivery = await withDatabase(eventDelivery).catch(() => null);
          return delivery !== null && delivery.unpublished === 0 && delivery.undelivered === 0;
        },
        SETTLE_MS,
        'every outbox published and every event in its consumers’ inboxes',
        250,
      ).catch((error: Error) => {
        throw new Error(`${error.message}; last seen: ${JSON.stringify(delivery)}`);
      });
      const counts = await rowCounts(records);
      const stored = storedCounts(records, (record) => counts.get(record.key) ?? 0);
      const row = faultRow(name, records, stored, { faultAt, backAt });
      rows.push(row);
      process.stdout.write(`${faultTable([row])}\n`);

      // One comparison, so that a failure shows everything that went wrong with this fault at once.
      expect({
        broken: brokenAnswers(records).map(summary),
        lost: stored.lost.map(summary),
        doubled: stored.doubled.map(summary),
        deadLetters: (await withDatabase(eventDelivery)).deadLetters,
        recovered: row.recoveryMs !== null && row.recoveryMs <= RECOVERY_LIMIT_MS,
        // The suite recovered by itself: every process the fault did not kill is still the one started.
        died: survivors.filter((process) => !process.running).map((process) => process.name),
        someSucceeded: records.some(succeeded),
        // What an app logged as unexpected (with its stack) while this fault was on.
        unexpected: unexpectedSince(faultAt),
      }).toEqual({
        broken: [],
        lost: [],
        doubled: [],
        deadLetters: 0,
        recovered: true,
        died: [],
        someSucceeded: true,
        unexpected: [],
      });
    },
    600000,
  );
});

function summary(record: RequestRecord): string {
  return `${record.kind} ${record.key} → ${record.outcome} after ${record.answeredAt - record.sentAt} ms`;
}
