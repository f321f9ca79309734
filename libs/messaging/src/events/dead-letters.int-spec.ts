import { randomUUID } from 'node:crypto';
import { Injectable, Module } from '@nestjs/common';
import { connect, JetStreamManager, NatsConnection, StringCodec } from 'nats';
import { Caller, DeadLettersRpc, eventOf } from '@app/contracts';
import { RunningService, startService } from '@app/host';
import { DatabaseModule } from '@app/persistence';
import { loadConfig, ServiceEnv } from '@app/runtime';
import {
  EventConsumers,
  EventsModule,
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  NatsRpcClient,
  recordEvent,
  RemoteError,
  ServiceMessagingModule,
} from '@app/messaging';
import { TEST_NATS_URL } from '@test/support/test-nats';
import { waitFor } from '@test/support/wait-for';
import { createTestEventStream, TestEventStream } from '@test/support/test-event-stream';
import { createTestMessagingDatabase, TestMessagingDatabase } from '@test/support/test-messaging-database';
import { NoteAddedV1 } from '@test/support/test-events';

const SCHEMA = 'dead_letters_test';
const codec = StringCodec();
const admin: Caller = { readerId: null, staffId: 'admin-1', roles: ['admin'], addressHash: null };
const editor: Caller = { ...admin, staffId: 'editor-1', roles: ['editor'] };
const ops = DeadLettersRpc.notifications;

describe("a service's dead letters over NATS", () => {
  let db: TestMessagingDatabase;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let stream: TestEventStream;
  let service: RunningService;
  let rpc: NatsRpcClient;
  /** While true the consumer's handler fails, as one whose mail server is down would. */
  let outage = true;
  let handled: string[] = [];

  beforeAll(async () => {
    db = await createTestMessagingDatabase(SCHEMA);
    nc = await connect({ servers: TEST_NATS_URL });
    jsm = await nc.jetstreamManager();
    stream = await createTestEventStream(jsm);

    @Injectable()
    class NoteMailer {
      // In the constructor: a service's hybrid start runs onModuleInit once per face.
      constructor(consumers: EventConsumers) {
        consumers.register({
          durable: 'note-mailer',
          events: [NoteAddedV1],
          maxDeliver: 2,
          backoffMs: [20],
          handle: async (event) => {
            if (outage) throw new Error(`mail server down for "${event.text}"`);
            handled.push(event.text);
          },
        });
      }
    }
    @Module({ providers: [NoteMailer] })
    class NoteMailerModule {}

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
        module: class DeadLettersTestModule {},
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
          NoteMailerModule,
        ],
      },
    });
    rpc = new NatsRpcClient(nc, 10000, undefined, stream.namespace);
  });

  beforeEach(async () => {
    outage = true;
    handled = [];
    await db.sql('delete from {schema}.dead_letter');
  });

  afterAll(async () => {
    await service?.close();
    await stream?.delete();
    await nc?.drain();
    await db?.close();
  });

  const failure = async (call: Promise<unknown>) => {
    try {
      await call;
    } catch (error) {
      if (error instanceof RemoteError)
        return { status: error.status, code: error.code, message: error.message };
      throw error;
    }
    throw new Error('the call succeeded');
  };

  const lettersOf = async () => (await rpc.call(ops.list, { caller: admin, query: {} })).items;

  /** A note the service records and relays; with the outage on, its consumer dead-letters it. */
  async function deadLetteredNote(text: string): Promise<string> {
    const { id } = await db.orm.em
      .fork()
      .transactional(async (em) => recordEvent(em, eventOf(NoteAddedV1, { text })));
    await waitFor(
      async () => (await lettersOf()).some((letter) => letter.eventId === id),
      10000,
      `${text} parked`,
    );
    return (await lettersOf()).find((letter) => letter.eventId === id)!.id;
  }

  async function deadLetteredRaw(data: unknown): Promise<string> {
    const eventId = randomUUID();
    const envelope = {
      id: eventId,
      type: 'note.added',
      version: 1,
      occurredAt: new Date().toISOString(),
      data,
    };
    await nc
      .jetstream()
      .publish(stream.address.subjectOfType('note.added'), codec.encode(JSON.stringify(envelope)));
    await waitFor(
      async () => (await lettersOf()).some((letter) => letter.eventId === eventId),
      10000,
      'parked',
    );
    return (await lettersOf()).find((letter) => letter.eventId === eventId)!.id;
  }

  it('refuses callers without the admin role', async () => {
    const letterId = await deadLetteredRaw({ text: '' });

    expect(await failure(rpc.call(ops.list, { caller: editor, query: {} }))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect(await failure(rpc.call(ops.redrive, { caller: editor, id: letterId }))).toMatchObject({
      status: 403,
    });
    expect(await lettersOf()).toHaveLength(1);
  });

  it('lists dead letters newest first, a page at a time, with why each failed', async () => {
    const ids = [];
    for (const text of ['', 'x'.repeat(201), '']) ids.push(await deadLetteredRaw({ text }));

    const first = await rpc.call(ops.list, { caller: admin, query: { limit: 2 } });
    const second = await rpc.call(ops.list, {
      caller: admin,
      query: { limit: 2, cursor: first.nextCursor! },
    });

    expect(first.items.map((letter) => letter.id)).toEqual([ids[2], ids[1]]);
    expect(second.items.map((letter) => letter.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
    expect(first.items[1]).toEqual({
      id: ids[1],
      service: 'notifications',
      consumer: 'note-mailer',
      eventId: expect.any(String),
      type: 'note.added',
      error: 'note.added v1 is not valid: text: text must be shorter than or equal to 200 characters',
      deliveries: 1,
      failedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
  });

  it('re-drives an event once its handler works again, and the dead letter is gone', async () => {
    const letterId = await deadLetteredNote('welcome');
    expect(handled).toEqual([]);
    outage = false;

    expect(await rpc.call(ops.redrive, { caller: admin, id: letterId })).toEqual({
      id: letterId,
      outcome: 'handled',
    });

    expect(handled).toEqual(['welcome']);
    expect(await lettersOf()).toEqual([]);
    expect(await failure(rpc.call(ops.redrive, { caller: admin, id: letterId }))).toMatchObject({
      status: 404,
    });
  });

  it('keeps a dead letter whose handler fails again, with the new error (409)', async () => {
    const letterId = await deadLetteredNote('still down');
    const [before] = await lettersOf();

    expect(await failure(rpc.call(ops.redrive, { caller: admin, id: letterId }))).toEqual({
      status: 409,
      code: 'redrive_failed',
      message: 'The handler failed again: Error: mail server down for "still down"',
    });

    const [after] = await lettersOf();
    expect(after).toMatchObject({
      id: letterId,
      deliveries: before.deliveries + 1,
      error: 'Error: mail server down for "still down"',
    });
  });

  it('keeps a dead letter whose event still breaks its contract (422), without calling the handler', async () => {
    outage = false;
    const letterId = await deadLetteredRaw({ text: '' });

    expect(await failure(rpc.call(ops.redrive, { caller: admin, id: letterId }))).toMatchObject({
      status: 422,
      code: 'event_invalid',
    });

    expect(handled).toEqual([]);
    expect((await lettersOf()).map((letter) => letter.id)).toEqual([letterId]);
  });

  it('re-drives an event handled since as a no-op, and once when two operators re-drive it at once', async () => {
    const handledSince = await deadLetteredNote('handled since');
    const [{ eventId }] = await lettersOf();
    await db.sql('insert into {schema}.inbox_entry (consumer, event_id, processed_at) values (?, ?, now())', [
      'note-mailer',
      eventId,
    ]);
    const racing = await deadLetteredNote('racing');
    outage = false;

    expect(await rpc.call(ops.redrive, { caller: admin, id: handledSince })).toEqual({
      id: handledSince,
      outcome: 'already_handled',
    });
    const outcomes = await Promise.allSettled([
      rpc.call(ops.redrive, { caller: admin, id: racing }),
      rpc.call(ops.redrive, { caller: admin, id: racing }),
    ]);

    expect(handled).toEqual(['racing']);
    const statuses = outcomes.map((outcome) =>
      outcome.status === 'fulfilled' ? 200 : (outcome.reason as RemoteError).status,
    );
    expect(statuses.sort()).toEqual([200, 404]);
    expect(await lettersOf()).toEqual([]);
  });
});
