import { randomUUID } from 'node:crypto';
import { connect, JetStreamManager, NatsConnection, StringCodec } from 'nats';
import type { EntityManager } from '@mikro-orm/postgresql';
import { eventOf } from '@app/contracts';
import {
  BatchEventConsumer,
  BatchEventConsumerOptions,
  EventConsumers,
  EventMeta,
  OutboxRelay,
  recordEvent,
} from '@app/messaging';
import { TEST_NATS_URL } from '@test/support/test-nats';
import { waitFor } from '@test/support/wait-for';
import { createTestEventStream, TestEventStream } from '@test/support/test-event-stream';
import { createTestMessagingDatabase, TestMessagingDatabase } from '@test/support/test-messaging-database';
import { NoteAddedV1 } from '@test/support/test-events';

const codec = StringCodec();

describe('batch event consumer', () => {
  let db: TestMessagingDatabase;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let stream: TestEventStream;
  const running: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    db = await createTestMessagingDatabase('batch_consumer_test');
    await db.sql('create table {schema}.reaction (event_id uuid not null, consumer text not null)');
    nc = await connect({ servers: TEST_NATS_URL });
    jsm = await nc.jetstreamManager();
  });

  beforeEach(async () => {
    await db.sql('delete from {schema}.outbox_event');
    stream = await createTestEventStream(jsm);
  });

  afterEach(async () => {
    try {
      for (const part of running.splice(0).reverse()) await part.stop();
    } finally {
      await stream.delete();
    }
  });

  afterAll(async () => {
    await nc?.drain();
    await db?.close();
  });

  type Options = Partial<BatchEventConsumerOptions> &
    Pick<BatchEventConsumerOptions, 'durable' | 'handleBatch'>;

  async function startConsumer(options: Options): Promise<BatchEventConsumer> {
    const consumer = new BatchEventConsumer(
      { orm: db.orm, nc, address: stream.address },
      { events: [NoteAddedV1], backoffMs: [50], ackWaitMs: 2000, batchSize: 20, ...options },
    );
    await consumer.start();
    running.push(consumer);
    return consumer;
  }

  /** Every event's side effect, all of a batch in one statement of its transaction. */
  const react = (em: EntityManager, metas: EventMeta[], consumer: string) =>
    em.execute(`insert into "${db.schema}".reaction (event_id, consumer) select unnest(?::uuid[]), ?`, [
      `{${metas.map((meta) => meta.id).join(',')}}`,
      consumer,
    ]);

  const reactions = async (consumer: string) =>
    (
      await db.sql<{ event_id: string }>('select event_id from {schema}.reaction where consumer = ?', [
        consumer,
      ])
    ).map((row) => row.event_id);

  const deadLetters = (consumer: string) =>
    db.sql<Record<string, unknown>>(
      'select * from {schema}.dead_letter where consumer = ? order by created_at, id',
      [consumer],
    );

  const settled = (durable: string, messages: number) => async () => {
    const info = await jsm.consumers.info(stream.name, stream.address.durable(durable));
    return info.delivered.stream_seq >= messages && info.num_pending === 0 && info.num_ack_pending === 0;
  };

  /** Events on the stream before the consumer starts, so they arrive together. */
  async function published(texts: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const text of texts) {
      const event = await db.orm.em
        .fork()
        .transactional(async (em) => recordEvent(em, eventOf(NoteAddedV1, { text })));
      ids.push(event.id);
    }
    await new OutboxRelay(db.orm, nc.jetstream(), {}, stream.namespace).flush();
    return ids;
  }

  const publishRaw = (body: unknown) =>
    nc.jetstream().publish(stream.address.subjectOfType('note.added'), codec.encode(JSON.stringify(body)));

  it('handles events that arrived together in fewer transactions, each once, and acknowledges them all', async () => {
    const ids = await published(Array.from({ length: 45 }, (_, i) => `note ${i}`));
    const batches: number[] = [];

    await startConsumer({
      durable: 'together',
      batchSize: 20,
      handleBatch: async (events, em) => {
        batches.push(events.length);
        expect(events.every(({ event }) => event instanceof NoteAddedV1)).toBe(true);
        await react(
          em,
          events.map(({ meta }) => meta),
          'together',
        );
      },
    });

    await waitFor(settled('together', 45), 10000, 'every message acknowledged');
    expect((await reactions('together')).sort()).toEqual([...ids].sort());
    expect(Math.max(...batches)).toBeGreaterThan(1);
    expect(Math.max(...batches)).toBeLessThanOrEqual(20);
    expect(batches.length).toBeLessThan(45);
  });

  it('retries and dead-letters a failing event alone while its batch-mates commit', async () => {
    const ids = await published(['fine 1', 'poison', 'fine 2', 'fine 3']);
    const poisonId = ids[1];
    const seenPoison: number[] = [];

    await startConsumer({
      durable: 'poisoned',
      maxDeliver: 3,
      handleBatch: async (events, em) => {
        if (events.some(({ meta }) => meta.id === poisonId)) {
          seenPoison.push(events.length);
          throw new Error('cannot handle the poison note');
        }
        await react(
          em,
          events.map(({ meta }) => meta),
          'poisoned',
        );
      },
    });

    await waitFor(async () => (await deadLetters('poisoned')).length === 1, 10000, 'the dead letter');
    await waitFor(settled('poisoned', 4), 5000, 'every message settled');
    expect((await reactions('poisoned')).sort()).toEqual([ids[0], ids[2], ids[3]].sort());
    const [letter] = await deadLetters('poisoned');
    expect(letter).toMatchObject({
      event_id: poisonId,
      deliveries: 3,
      error: 'Error: cannot handle the poison note',
    });
    // Its last attempts were its own: alone, not in a batch again.
    expect(seenPoison.slice(-2)).toEqual([1, 1]);
  });

  it('dead-letters an invalid message of a batch at once and handles the rest', async () => {
    const ids = await published(['before']);
    const invalid = randomUUID();
    await publishRaw({ id: invalid, type: 'note.added', version: 1, data: { text: '' } });
    await publishRaw('not an event');
    ids.push(...(await published(['after'])));
    let calls = 0;

    await startConsumer({
      durable: 'mixed',
      handleBatch: async (events, em) => {
        calls += 1;
        await react(
          em,
          events.map(({ meta }) => meta),
          'mixed',
        );
      },
    });

    await waitFor(settled('mixed', 4), 5000, 'every message settled');
    expect((await reactions('mixed')).sort()).toEqual([...ids].sort());
    const letters = await deadLetters('mixed');
    expect(letters.map((letter) => letter.error)).toEqual(
      expect.arrayContaining([
        'not an event envelope',
        expect.stringMatching(/^note\.added v1 is not valid/),
      ]),
    );
    expect(letters.find((letter) => letter.event_id === invalid)).toBeDefined();
    expect(calls).toBeGreaterThan(0);
  });

  it('handles an event once when copies of it arrive in one batch and after it', async () => {
    const [id] = await published(['copied']);
    const payload = {
      id,
      type: 'note.added',
      version: 1,
      occurredAt: new Date().toISOString(),
      data: { text: 'copied' },
    };
    await publishRaw(payload);
    await publishRaw(payload);
    let handled = 0;

    await startConsumer({
      durable: 'copies',
      handleBatch: async (events, em) => {
        handled += events.length;
        await react(
          em,
          events.map(({ meta }) => meta),
          'copies',
        );
      },
    });
    await waitFor(settled('copies', 3), 5000, 'every copy settled');
    await publishRaw(payload);
    await waitFor(settled('copies', 4), 5000, 'the late copy settled');

    expect(handled).toBe(1);
    expect(await reactions('copies')).toEqual([id]);
  });

  it('is registered beside per-event consumers and found by its name for a re-drive', async () => {
    const consumers = new EventConsumers({ orm: db.orm, nc, address: stream.address });
    consumers.registerBatch({
      durable: 'registered',
      events: [NoteAddedV1],
      batchSize: 5,
      handleBatch: async (events, em) => {
        await react(
          em,
          events.map(({ meta }) => meta),
          'registered',
        );
      },
    });
    const found = consumers.find('registered');
    expect(found).toBeInstanceOf(BatchEventConsumer);

    const eventId = randomUUID();
    const outcome = await db.orm.em.fork().transactional((em) =>
      found!.handleStored(em, {
        id: eventId,
        type: 'note.added',
        version: 1,
        occurredAt: new Date().toISOString(),
        data: { text: 're-driven' },
      }),
    );
    expect(outcome).toBe('handled');
    expect(await reactions('registered')).toEqual([eventId]);
  });
});
