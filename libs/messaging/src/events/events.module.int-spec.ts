import { INestApplication, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { MikroORM } from '@mikro-orm/postgresql';
import { connect, JetStreamManager, NatsConnection } from 'nats';
import { eventOf } from '@app/contracts';
import { DatabaseModule } from '@app/persistence';
import { loadConfig, ServiceEnv } from '@app/runtime';
import {
  EventConsumers,
  EventsAddress,
  EventsModule,
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  NatsNamespace,
  OutboxRelayOptions,
  recordEvent,
  ServiceMessagingModule,
} from '@app/messaging';
import { TEST_NATS_URL } from '@test/support/test-nats';
import { waitFor } from '@test/support/wait-for';
import { createTestEventStream, TestEventStream } from '@test/support/test-event-stream';
import { createTestMessagingDatabase, TestMessagingDatabase } from '@test/support/test-messaging-database';
import { NoteAddedV1 } from '@test/support/test-events';

const SCHEMA = 'events_module_test';

describe('events module', () => {
  let db: TestMessagingDatabase;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let stream: TestEventStream;
  const apps: INestApplication[] = [];
  const extraStreams: string[] = [];

  beforeAll(async () => {
    db = await createTestMessagingDatabase(SCHEMA);
    nc = await connect({ servers: TEST_NATS_URL });
    jsm = await nc.jetstreamManager();
  });

  beforeEach(async () => {
    stream = await createTestEventStream(jsm);
  });

  afterEach(async () => {
    try {
      for (const app of apps.splice(0)) await app.close();
    } finally {
      await stream.delete();
      for (const name of extraStreams.splice(0)) await jsm.streams.delete(name).catch(() => undefined);
    }
  });

  afterAll(async () => {
    await nc?.drain();
    await db?.close();
  });

  /**
   * A service as the apps build one: database, NATS, events, and a feature that consumes an event.
   * `prefix` is its NATS_PREFIX; by default the test stream's namespace.
   */
  async function startService(
    options: { relay?: OutboxRelayOptions; prefix?: string; schema?: string; seen?: string[] } = {},
  ): Promise<INestApplication> {
    const seen = options.seen ?? [];
    @Injectable()
    class NoteFeed implements OnModuleInit {
      constructor(private readonly consumers: EventConsumers) {}

      onModuleInit(): void {
        this.consumers.register({
          durable: 'note-feed',
          events: [NoteAddedV1],
          handle: async (event) => {
            seen.push(event.text);
          },
        });
      }
    }
    @Module({ providers: [NoteFeed] })
    class NoteFeedModule {}

    const config = loadConfig(ServiceEnv, {
      NATS_URL: TEST_NATS_URL,
      DATABASE_URL: db.url,
      NATS_PREFIX: options.prefix ?? stream.namespace.prefix,
      EVENTS_STREAM: 'EVENTS',
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        DatabaseModule.forService({
          schema: options.schema ?? SCHEMA,
          clientUrl: db.url,
          entities: [...MESSAGING_ENTITIES],
          migrations: [...MESSAGING_MIGRATIONS],
          poolMax: 5,
        }),
        ServiceMessagingModule.forService('comments', config),
        EventsModule.forService('comments', config, { relay: options.relay }),
        NoteFeedModule,
      ],
    }).compile();
    const app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
    apps.push(app);
    await app.init();
    return app;
  }

  const record = (orm: MikroORM, text: string) =>
    orm.em.fork().transactional(async (em) => recordEvent(em, eventOf(NoteAddedV1, { text })));

  it('publishes what a service records and hands it to the consumers it registered', async () => {
    const seen: string[] = [];
    const service = await startService({ seen });

    await record(service.get(MikroORM), 'hello');

    await waitFor(async () => seen.includes('hello'), 5000, 'the event handled');
    expect(seen).toEqual(['hello']);
    expect(service.get(EventsAddress).stream).toBe(stream.name);
  });

  it('keeps two deployments with different prefixes on one NATS apart', async () => {
    const other = new NatsNamespace(`${stream.namespace.prefix}b`);
    extraStreams.push(other.name('EVENTS'));
    const seenHere: string[] = [];
    const seenThere: string[] = [];
    const here = await startService({ seen: seenHere });
    const there = await startService({
      seen: seenThere,
      prefix: other.prefix,
      schema: 'events_module_other',
    });
    // Same stream and consumer names as configured; the namespaces keep them apart on the server.
    expect(there.get(EventsAddress).stream).toBe(`${other.prefix}_EVENTS`);

    await record(here.get(MikroORM), 'for here');
    await record(there.get(MikroORM), 'for there');

    await waitFor(async () => seenHere.length === 1 && seenThere.length === 1, 5000, 'both handled');
    expect((await jsm.streams.info(stream.name)).state.messages).toBe(1);
    expect((await jsm.streams.info(other.name('EVENTS'))).state.messages).toBe(1);
    expect(seenHere).toEqual(['for here']);
    expect(seenThere).toEqual(['for there']);
    const durables = (await jsm.consumers.list(other.name('EVENTS')).next()).map((info) => info.name);
    expect(durables).toEqual([other.name('note-feed')]);
  });

  it('flushes the outbox when the service shuts down', async () => {
    const service = await startService({ relay: { pollIntervalMs: 60000 } });
    // Written by another process: nothing wakes this service's relay before its next poll.
    const event = await record(db.orm, 'at shutdown');
    expect((await jsm.streams.info(stream.name)).state.messages).toBe(0);

    await apps.splice(apps.indexOf(service), 1)[0].close();

    expect((await jsm.streams.info(stream.name)).state.messages).toBe(1);
    const [row] = await db.sql<{ published_at: Date | null }>(
      'select published_at from {schema}.outbox_event where id = ?',
      [event.id],
    );
    expect(row.published_at).not.toBeNull();
  });
});
