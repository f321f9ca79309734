import { Injectable, Module } from '@nestjs/common';
import { connect, NatsConnection } from 'nats';
import { eventOf } from '@app/contracts';
import { RunningService, startService } from '@app/host';
import { DatabaseModule } from '@app/persistence';
import { loadConfig, ServiceEnv } from '@app/runtime';
import {
  EventConsumers,
  EventsModule,
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  OutboxRelay,
  readMessagingBacklog,
  recordEvent,
  ServiceMessagingModule,
} from '@app/messaging';
import { TEST_NATS_URL } from '@test/support/test-nats';
import { waitFor } from '@test/support/wait-for';
import { createTestEventStream, TestEventStream } from '@test/support/test-event-stream';
import { createTestMessagingDatabase, TestMessagingDatabase } from '@test/support/test-messaging-database';
import { NoteAddedV1 } from '@test/support/test-events';
import { hasSample, parsePrometheusText, Sample, sumOf } from '@test/support/prometheus-text';

const SCHEMA = 'messaging_metrics_test';

/** A service with an outbox and two consumers, its /metrics read as Prometheus would scrape it. */
describe("a service's outbox backlog and dead letters on /metrics", () => {
  let db: TestMessagingDatabase;
  let nc: NatsConnection;
  let stream: TestEventStream;
  let service: RunningService;

  beforeAll(async () => {
    db = await createTestMessagingDatabase(SCHEMA);
    nc = await connect({ servers: TEST_NATS_URL });
    stream = await createTestEventStream(await nc.jetstreamManager());

    @Injectable()
    class NoteReaders {
      constructor(consumers: EventConsumers) {
        consumers.register({ durable: 'note-archive', events: [NoteAddedV1], handle: async () => undefined });
        // Refuses every "poison" note at its only delivery: it is parked at once.
        consumers.register({
          durable: 'note-mailer',
          events: [NoteAddedV1],
          maxDeliver: 1,
          handle: async (event) => {
            if (event.text === 'poison') throw new Error('this note cannot be mailed');
          },
        });
      }
    }
    @Module({ providers: [NoteReaders] })
    class NoteReadersModule {}

    const config = loadConfig(ServiceEnv, {
      NATS_URL: TEST_NATS_URL,
      DATABASE_URL: db.url,
      NATS_PREFIX: stream.namespace.prefix,
      EVENTS_STREAM: 'EVENTS',
      LOG_LEVEL: 'silent',
    });
    service = await startService({
      name: 'notifications',
      config,
      module: {
        module: class MessagingMetricsTestModule {},
        imports: [
          DatabaseModule.forService({
            schema: SCHEMA,
            clientUrl: db.url,
            entities: [...MESSAGING_ENTITIES],
            migrations: [...MESSAGING_MIGRATIONS],
            poolMax: 5,
          }),
          ServiceMessagingModule.forService('notifications', config),
          EventsModule.forService('notifications', config),
          NoteReadersModule,
        ],
      },
    });
  });

  afterAll(async () => {
    await service?.close();
    await stream?.delete();
    await nc?.drain();
    await db?.close();
  });

  const scrape = async (): Promise<Sample[]> => parsePrometheusText(await service.metrics.text());
  const gauge = async (name: string, labels: Record<string, string> = {}) =>
    sumOf(await scrape(), name, labels);
  const note = (text: string) =>
    db.orm.em.fork().transactional(async (em) => recordEvent(em, eventOf(NoteAddedV1, { text })).id);

  it('shows unpublished events and the age of the oldest, and 0 once they are published', async () => {
    const samples = await scrape();
    expect(sumOf(samples, 'outbox_unpublished_events')).toBe(0);
    expect(sumOf(samples, 'outbox_oldest_unpublished_age_seconds')).toBe(0);

    // The relay is stopped, as one that cannot reach JetStream would be: the events stay in the outbox.
    const relay = service.app.get(OutboxRelay);
    await relay.stop();
    const ids = [await note('one'), await note('two'), await note('three')];
    await db.sql(`update {schema}.outbox_event set created_at = now() - interval '90 seconds' where id = ?`, [
      ids[0],
    ]);

    const waiting = await scrape();
    expect(sumOf(waiting, 'outbox_unpublished_events')).toBe(3);
    const age = sumOf(waiting, 'outbox_oldest_unpublished_age_seconds');
    expect(age).toBeGreaterThanOrEqual(90);
    expect(age).toBeLessThan(120);

    relay.start();
    await waitFor(
      async () => (await gauge('outbox_unpublished_events')) === 0,
      10000,
      'the backlog back to 0',
    );
    expect(await gauge('outbox_oldest_unpublished_age_seconds')).toBe(0);
  });

  it('counts a dead letter under its consumer, every other consumer at 0', async () => {
    expect(await gauge('dead_letters', { consumer: 'note-mailer' })).toBe(0);
    expect(hasSample(await scrape(), 'dead_letters', { consumer: 'note-archive' })).toBe(true);

    await note('poison');
    await waitFor(
      async () => (await gauge('dead_letters', { consumer: 'note-mailer' })) === 1,
      10000,
      'the dead letter counted',
    );
    const samples = await scrape();
    expect(sumOf(samples, 'dead_letters')).toBe(1);
    expect(sumOf(samples, 'dead_letters', { consumer: 'note-archive' })).toBe(0);
    expect(
      sumOf(samples, 'events_handled_total', { consumer: 'note-mailer', outcome: 'dead_lettered' }),
    ).toBe(1);
    // Both consumers took the four notes (note-mailer three of them, the poison parked).
    await waitFor(
      async () =>
        (await gauge('events_handled_total', { consumer: 'note-archive', outcome: 'handled' })) === 4,
      10000,
      'the archive to take every note',
    );
    expect(await gauge('events_handled_total', { consumer: 'note-mailer', outcome: 'handled' })).toBe(3);
  });

  it('stops counting at the cap, so a scrape stays cheap however deep the backlog', async () => {
    await db.sql(
      `insert into {schema}.dead_letter (id, consumer, event_id, subject, payload, error, deliveries, created_at)
       select gen_random_uuid(), 'note-archive', gen_random_uuid(), 's', '{}', 'e', 1, now()
         from generate_series(1, 5)`,
    );
    const backlog = await readMessagingBacklog(db.orm.em.fork(), 3);
    expect([...backlog.deadLetters.values()].reduce((a, b) => a + b, 0)).toBe(3);
    await db.sql(`delete from {schema}.dead_letter where consumer = 'note-archive'`);
  });

  it('keeps answering /metrics with the last values while the database is away', async () => {
    const before = await gauge('dead_letters', { consumer: 'note-mailer' });
    await db.sql(`alter table {schema}.dead_letter rename to dead_letter_away`);
    try {
      expect(await gauge('dead_letters', { consumer: 'note-mailer' })).toBe(before);
    } finally {
      await db.sql(`alter table {schema}.dead_letter_away rename to dead_letter`);
    }
  });
});
