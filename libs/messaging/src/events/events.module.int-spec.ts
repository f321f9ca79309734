import { INestApplication, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { MikroORM } from '@mikro-orm/postgresql';
import { connect, JetStreamManager, NatsConnection } from 'nats';
import { DatabaseModule } from '@app/persistence';
import { CommonEnv } from '@app/runtime';
import {
  EventConsumers,
  EventsModule,
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  recordEvent,
  ServiceMessagingModule,
} from '@app/messaging';
import { TEST_NATS_URL } from '@test/support/test-nats';
import { waitFor } from '@test/support/wait-for';
import { createTestEventStream, TestEventStream } from '@test/support/test-event-stream';
import { createTestMessagingDatabase, TestMessagingDatabase } from '@test/support/test-messaging-database';

const SCHEMA = 'events_module_test';

describe('events module', () => {
  let db: TestMessagingDatabase;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let stream: TestEventStream;
  let app: INestApplication | undefined;
  let handled: string[];

  beforeAll(async () => {
    db = await createTestMessagingDatabase(SCHEMA);
    nc = await connect({ servers: TEST_NATS_URL });
    jsm = await nc.jetstreamManager();
  });

  beforeEach(async () => {
    stream = await createTestEventStream(jsm);
    handled = [];
  });

  afterEach(async () => {
    try {
      await app?.close();
    } finally {
      app = undefined;
      await stream.delete();
    }
  });

  afterAll(async () => {
    await nc?.drain();
    await db?.close();
  });

  /** A service as the apps build one: database, NATS, events, and a feature that consumes an event. */
  async function startService(relay = {}): Promise<INestApplication> {
    @Injectable()
    class NoteFeed implements OnModuleInit {
      constructor(private readonly consumers: EventConsumers) {}

      onModuleInit(): void {
        this.consumers.register({
          durable: 'note-feed',
          filterSubjects: [stream.type('note.added')],
          handle: async (event) => {
            handled.push(event.id);
          },
        });
      }
    }
    @Module({ providers: [NoteFeed] })
    class NoteFeedModule {}

    const config = Object.assign(new CommonEnv(), { NATS_URL: TEST_NATS_URL, DATABASE_URL: db.url });
    const moduleRef = await Test.createTestingModule({
      imports: [
        DatabaseModule.forService({
          schema: SCHEMA,
          clientUrl: db.url,
          entities: [...MESSAGING_ENTITIES],
          migrations: [...MESSAGING_MIGRATIONS],
          poolMax: 5,
        }),
        ServiceMessagingModule.forService('comments', config),
        EventsModule.forService({
          stream: stream.name,
          streamOptions: { subjects: [stream.wildcard] },
          relay,
        }),
        NoteFeedModule,
      ],
    }).compile();
    app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
    await app.init();
    return app;
  }

  it('publishes what a service records and hands it to the consumers it registered', async () => {
    const service = await startService();
    const orm = service.get(MikroORM);

    const event = await orm.em
      .fork()
      .transactional(async (em) => recordEvent(em, stream.type('note.added'), {}));

    await waitFor(async () => handled.includes(event.id), 5000, 'the event handled');
    expect(handled).toEqual([event.id]);
  });

  it('flushes the outbox when the service shuts down', async () => {
    const service = await startService({ pollIntervalMs: 60000 });
    // Written by another process: nothing wakes this service's relay before its next poll.
    const event = await db.orm.em
      .fork()
      .transactional(async (em) => recordEvent(em, stream.type('note.added'), {}));
    expect((await jsm.streams.info(stream.name)).state.messages).toBe(0);

    await service.close();
    app = undefined;

    expect((await jsm.streams.info(stream.name)).state.messages).toBe(1);
    const [row] = await db.sql<{ published_at: Date | null }>(
      'select published_at from {schema}.outbox_event where id = ?',
      [event.id],
    );
    expect(row.published_at).not.toBeNull();
  });
});
