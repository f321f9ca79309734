import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { connect, JSONCodec } from 'nats';
import {
  eventOf,
  FEED_CHANGED_SIGNAL,
  FeedChangedSignal,
  PollClosedV1,
  StaffAccountChangedV1,
} from '@app/contracts';
import {
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  NatsNamespace,
  OutboxCommitListener,
  OutboxRelay,
  recordEvent,
} from '@app/messaging';
import { applyMigrations, buildOrmOptions } from '@app/persistence';
import { waitFor } from '@test/support/wait-for';
import { BenchChild } from '../infra/child.process';
import { createBenchDatabase } from '../infra/bench-database';
import { CpuMeter } from '../report/cpu-meter';
import { percentile } from './latency';
import type { SmtpChildMessage } from './smtp-listener.child';

/**
 * Scenario (l): source events at a steady rate, each to one editor's in-app feed and one email. A
 * publisher's transaction records each event in its outbox (the real relay publishes it); the time
 * from that commit to the feed signal and to the SMTP listener's receipt is measured per event. The
 * SMTP listener runs in a process of its own. It also reports the CPU milliseconds per event of the
 * service, the listener, the database's backends (the publisher's included) and the bench itself.
 * Targets: p99 to the SMTP listener at most 2 s, to the feed at most 500 ms, none lost or doubled.
 */
const RATE = Number(process.env.BENCH_NOTIFY_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_NOTIFY_SECONDS ?? 30);
/** How long the bench waits, once every event is committed, for the last feed entry and email. */
const DRAIN_SECONDS = Number(process.env.BENCH_NOTIFY_DRAIN_SECONDS ?? 120);
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
/** The build's root: this file runs as dist/bench/notifications/fan-out.bench.js. */
const DIST = join(__dirname, '..', '..');

/** `BENCH_NOTIFY_PROFILE=<folder>`: the service writes a CPU profile there when the bench stops it. */
function profileArgs(): string[] {
  const folder = process.env.BENCH_NOTIFY_PROFILE;
  return folder ? ['--cpu-prof', `--cpu-prof-dir=${folder}`] : [];
}

async function main(): Promise<void> {
  const run = randomBytes(4).toString('hex');
  const namespace = new NatsNamespace(`benchnotify${run}`);
  const stream = 'BENCH_NOTIFY';
  const smtp = BenchChild.fork('smtp', join(__dirname, 'smtp-listener.child.js'));
  const mailAt = new Map<string, number>();
  const mailCopies = new Map<string, number>();
  const smtpPort = new Promise<number>((resolve) =>
    smtp.process.on('message', (message: SmtpChildMessage) => {
      if ('port' in message) resolve(message.port);
      else {
        for (const { subject, at } of message.received) {
          const key = /bench-[0-9a-f-]+/.exec(subject)?.[0];
          if (!key) continue;
          mailCopies.set(key, (mailCopies.get(key) ?? 0) + 1);
          if (!mailAt.has(key)) mailAt.set(key, at);
        }
      }
    }),
  );
  const smtpUrl = `smtp://127.0.0.1:${await smtpPort}`;
  const database = await createBenchDatabase();
  const nc = await connect({ servers: NATS_URL });
  const service = BenchChild.spawn(
    'notifications',
    process.execPath,
    [...profileArgs(), join(DIST, 'apps/notifications/src/main.js')],
    {
      DATABASE_URL: database.url,
      NATS_URL,
      NATS_PREFIX: namespace.prefix,
      EVENTS_STREAM: stream,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      SMTP_URL: smtpUrl,
      UNSUBSCRIBE_SECRET: 'Hy6tG3rF8eD1wS5qA9zX2cV7bN4mK0jL',
      EVENT_CONSUMER_CONCURRENCY: process.env.EVENT_CONSUMER_CONCURRENCY ?? '8',
      DELIVERY_CONCURRENCY: process.env.DELIVERY_CONCURRENCY ?? '32',
      SMTP_MAX_CONNECTIONS: process.env.SMTP_MAX_CONNECTIONS ?? '16',
      // Consumers and senders each hold a connection while they work: the pool must cover both.
      DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? '30',
    },
  );
  const orm = await MikroORM.init(
    buildOrmOptions({
      schema: 'benchsource',
      clientUrl: database.url,
      entities: [...MESSAGING_ENTITIES],
      migrations: MESSAGING_MIGRATIONS,
      poolMax: 8,
    }),
  );
  await applyMigrations(orm);
  const relay = new OutboxRelay(orm, nc.jetstream(), {}, namespace);
  orm.em.getEventManager().registerSubscriber(new OutboxCommitListener(() => relay.kick()));

  const committedAt = new Map<string, number>();
  const feedAt = new Map<string, number>();
  const feed = nc.subscribe(namespace.subject(FEED_CHANGED_SIGNAL));
  const signals = JSONCodec<FeedChangedSignal>();
  void (async () => {
    for await (const message of feed) {
      const title = signals.decode(message.data).notification?.title ?? '';
      const key = /bench-[0-9a-f-]+/.exec(title)?.[0];
      if (key && !feedAt.has(key)) feedAt.set(key, Date.now());
    }
  })();

  try {
    const jsm = await nc.jetstreamManager();
    // The service creates the stream at start; events recorded before it exists wait in the outbox.
    await waitFor(
      async () => {
        if (!service.running) throw new Error(`the service stopped:\n${service.lastLines()}`);
        return jsm.streams.info(namespace.name(stream)).then(
          () => true,
          () => false,
        );
      },
      60000,
      'the service to start',
      200,
    );
    relay.start();
    const editor = randomUUID();
    await orm.em.fork().transactional(async (em) => {
      recordEvent(
        em,
        eventOf(StaffAccountChangedV1, {
          staffId: editor,
          email: 'editor@bench.test',
          roles: ['editor'],
          locale: 'ru',
          deleted: false,
        }),
      );
    });
    await waitFor(
      () =>
        database.withClient(async (client) => {
          const rows = await client
            .query(`select 1 from notifications.recipient where staff_id = $1`, [editor])
            .catch(() => ({ rows: [] }));
          return rows.rows.length === 1;
        }),
      60000,
      'the service to know the editor',
      200,
    );

    // CPU of the service and of the database's backends (the publisher's too) while the events flow:
    // on two shared cores, milliseconds per event tell where the throughput goes.
    const cpu = new CpuMeter({
      service: async () => (service.process.pid ? [service.process.pid] : []),
      smtp: async () => (smtp.process.pid ? [smtp.process.pid] : []),
      postgres: () => database.backendPids(),
      publisher: async () => [process.pid],
    });
    const cpuBefore = await cpu.sample();
    const total = RATE * SECONDS;
    const started = Date.now();
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; i < total; i += 1) {
      const due = started + (i * 1000) / RATE;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const key = `bench-${randomUUID()}`;
      const commit = orm.em
        .fork()
        .transactional(async (em) => {
          recordEvent(
            em,
            eventOf(PollClosedV1, {
              pollId: randomUUID(),
              question: key,
              closedAt: new Date().toISOString(),
              totalVotes: 0,
              totalVoters: 0,
              options: [],
            }),
          );
        })
        .then(() => void committedAt.set(key, Date.now()));
      const tracked = commit.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    }
    await Promise.all(inFlight);
    const sentAt = (Date.now() - started) / 1000;
    // Past the limit the report still comes, counting what is missing as lost.
    await waitFor(
      () => mailAt.size >= total && feedAt.size >= total,
      DRAIN_SECONDS * 1000,
      'every event delivered',
      100,
    ).catch((error: Error) => console.error(error.message));
    const drainedAt = (Date.now() - started) / 1000;
    const cpuPerEvent = CpuMeter.perRequest(cpuBefore, await cpu.sample(), total);
    // A late copy would show up here: give the workers a moment to send anything twice.
    await new Promise((resolve) => setTimeout(resolve, 2000));

    const toMail = [...committedAt].map(([key, at]) => (mailAt.get(key) ?? Infinity) - at);
    const toFeed = [...committedAt].map(([key, at]) => (feedAt.get(key) ?? Infinity) - at);
    const doubled = [...mailCopies.values()].filter((copies) => copies > 1).length;
    const report = {
      scenario: 'l: notifications fan-out',
      events: total,
      offeredPerSecond: RATE,
      achievedPerSecond: Math.round(total / sentAt),
      // Every event's feed entry and email, from the first commit to the last arrival.
      handledPerSecond: Math.round(total / drainedAt),
      cpuMsPerEvent: Object.fromEntries(
        Object.entries(cpuPerEvent).map(([part, ms]) => [part, Math.round(ms * 100) / 100]),
      ),
      p50ToSmtpMs: percentile(toMail, 50),
      p99ToSmtpMs: percentile(toMail, 99),
      p50ToFeedMs: percentile(toFeed, 50),
      p99ToFeedMs: percentile(toFeed, 99),
      emails: mailAt.size,
      feedEntries: feedAt.size,
      doubled,
      pass:
        percentile(toMail, 99) <= 2000 &&
        percentile(toFeed, 99) <= 500 &&
        mailAt.size === total &&
        feedAt.size === total &&
        doubled === 0,
    };
    console.log(JSON.stringify(report, null, 2));
    process.exitCode = report.pass ? 0 : 1;
  } finally {
    await relay.stop();
    await service.stop();
    await orm.close(true);
    await (await nc.jetstreamManager()).streams.delete(namespace.name(stream)).catch(() => undefined);
    await nc.drain();
    await database.drop();
    await smtp.stop();
  }
}

void main();
