import { connect, JetStreamManager, NatsConnection, StringCodec } from 'nats';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventEnvelope } from '@app/contracts';
import { EventConsumer, EventConsumerOptions, OutboxRelay, recordEvent } from '@app/messaging';
import { requestContext } from '@app/runtime';
import { TEST_NATS_URL } from '@test/support/test-nats';
import { waitFor } from '@test/support/wait-for';
import { createTestEventStream, TestEventStream } from '@test/support/test-event-stream';
import { createTestMessagingDatabase, TestMessagingDatabase } from '@test/support/test-messaging-database';

const codec = StringCodec();

describe('event consumer', () => {
  let db: TestMessagingDatabase;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let stream: TestEventStream;
  const running: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    db = await createTestMessagingDatabase('consumer_test');
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

  async function startConsumer(
    options: Partial<EventConsumerOptions> & Pick<EventConsumerOptions, 'durable' | 'handle'>,
    connection = nc,
  ): Promise<EventConsumer> {
    const consumer = new EventConsumer(
      { orm: db.orm, nc: connection, stream: stream.name },
      { filterSubjects: [stream.type('note.added')], backoffMs: [50], ackWaitMs: 2000, ...options },
    );
    await consumer.start();
    running.push(consumer);
    return consumer;
  }

  /** The handler's side effect, written with the transaction it is given. */
  const react = (em: EntityManager, event: EventEnvelope, consumer: string) =>
    em.execute(`insert into "${db.schema}".reaction (event_id, consumer) values (?, ?)`, [
      event.id,
      consumer,
    ]);

  const reactions = async (consumer: string) =>
    Number(
      (
        await db.sql<{ n: string }>('select count(*) n from {schema}.reaction where consumer = ?', [consumer])
      )[0].n,
    );

  /** Every message of the stream was delivered to `durable` and settled (acked or terminated). */
  const settled = (durable: string, messages: number) => async () => {
    const info = await jsm.consumers.info(stream.name, durable);
    return info.delivered.stream_seq >= messages && info.num_pending === 0 && info.num_ack_pending === 0;
  };

  const recordCommitted = (type: string, data: object) =>
    requestContext.run({ requestId: `req-${type}` }, () =>
      db.orm.em.fork().transactional(async (em) => recordEvent(em, type, data)),
    );

  it('delivers a re-published event to a consumer once', async () => {
    const event = await recordCommitted(stream.type('note.added'), { text: 'once' });
    // The relay published the row, then died before marking it: the next relay publishes it again.
    await nc
      .jetstream()
      .publish(event.subject, codec.encode(JSON.stringify(event.payload)), { msgID: event.id });
    const relay = new OutboxRelay(db.orm, nc.jetstream());
    relay.start();
    running.push(relay);

    const seen: { id: string; requestId?: string }[] = [];
    await startConsumer({
      durable: 'once',
      handle: async (received, em) => {
        seen.push({ id: received.id, requestId: requestContext.requestId() });
        await react(em, received, 'once');
      },
    });

    await waitFor(
      async () =>
        (await db.sql('select 1 from {schema}.outbox_event where published_at is not null')).length === 1,
      5000,
      'the row marked published',
    );
    await waitFor(settled('once', 1), 5000, 'the consumer settled');
    expect((await jsm.streams.info(stream.name)).state.messages).toBe(1);
    expect(seen).toEqual([{ id: event.id, requestId: `req-${stream.type('note.added')}` }]);
    expect(await reactions('once')).toBe(1);
  });

  it('handles an event published again after the duplicate window once', async () => {
    const event = await recordCommitted(stream.type('note.added'), { text: 'late copy' });
    // Beyond the window the stream keeps both copies; only the inbox tells them apart.
    for (const msgID of [event.id, `${event.id}-late`]) {
      await nc.jetstream().publish(event.subject, codec.encode(JSON.stringify(event.payload)), { msgID });
    }
    let calls = 0;
    await startConsumer({
      durable: 'late',
      handle: async (received, em) => {
        calls++;
        await react(em, received, 'late');
      },
    });

    await waitFor(settled('late', 2), 5000, 'both copies settled');
    expect(calls).toBe(1);
    expect(await reactions('late')).toBe(1);
  });

  it('retries a failing handler with back-off and dead-letters it after maxDeliver', async () => {
    const event = await recordCommitted(stream.type('note.added'), { text: 'poison' });
    await new OutboxRelay(db.orm, nc.jetstream()).flush();
    const attempts: number[] = [];

    await startConsumer({
      durable: 'failing',
      maxDeliver: 3,
      backoffMs: [100, 300],
      handle: async (received, em) => {
        attempts.push(Date.now());
        await react(em, received, 'failing');
        throw new Error(`cannot handle ${received.type}`);
      },
    });

    await waitFor(
      async () =>
        (await db.sql('select 1 from {schema}.dead_letter where event_id = ?', [event.id])).length === 1,
      10000,
      'the dead letter',
    );
    await waitFor(settled('failing', 1), 5000, 'the message terminated');
    expect(attempts).toHaveLength(3);
    expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(90);
    expect(attempts[2] - attempts[1]).toBeGreaterThanOrEqual(280);
    const [letter] = await db.sql<Record<string, unknown>>('select * from {schema}.dead_letter');
    expect(letter).toMatchObject({
      consumer: 'failing',
      event_id: event.id,
      subject: event.subject,
      deliveries: 3,
      error: `cannot handle ${event.type}`,
      payload: { id: event.id, data: { text: 'poison' } },
    });
    // Each failed attempt rolled back its side effect and its inbox entry.
    expect(await reactions('failing')).toBe(0);
    expect(await db.sql('select 1 from {schema}.inbox_entry where consumer = ?', ['failing'])).toHaveLength(
      0,
    );
  });

  it('handles a redelivered event once when the ack was lost', async () => {
    await recordCommitted(stream.type('note.added'), { text: 'ack lost' });
    await new OutboxRelay(db.orm, nc.jetstream()).flush();
    const doomed = await connect({ servers: TEST_NATS_URL });
    let calls = 0;
    const handle: EventConsumerOptions['handle'] = async (received, em) => {
      calls++;
      await react(em, received, 'ack-lost');
      // The process loses NATS after its handler succeeded: the commit happens, the ack never arrives.
      await doomed.close();
    };

    await startConsumer({ durable: 'ack-lost', ackWaitMs: 1000, handle }, doomed);
    await waitFor(async () => (await reactions('ack-lost')) === 1, 5000, 'the first handling committed');
    // Another copy of the service takes over the durable consumer and gets the redelivery.
    await startConsumer({ durable: 'ack-lost', ackWaitMs: 1000, handle });

    await waitFor(settled('ack-lost', 1), 10000, 'the redelivery acknowledged');
    const info = await jsm.consumers.info(stream.name, 'ack-lost');
    expect(info.ack_floor.stream_seq).toBe(1);
    expect(info.delivered.consumer_seq).toBeGreaterThanOrEqual(2);
    expect(calls).toBe(1);
    expect(await reactions('ack-lost')).toBe(1);
  });

  it('consumes only the event types it filters on', async () => {
    for (const type of ['note.added', 'note.removed', 'note.flagged']) {
      await recordCommitted(stream.type(type), { type });
    }
    await new OutboxRelay(db.orm, nc.jetstream()).flush();
    const handled: string[] = [];

    await startConsumer({
      durable: 'filtered',
      filterSubjects: [stream.type('note.added'), `events.${stream.type('note.flagged')}`],
      handle: async (received) => {
        handled.push(received.type);
      },
    });

    await waitFor(settled('filtered', 3), 5000, 'the stream consumed');
    expect(handled.sort()).toEqual([stream.type('note.added'), stream.type('note.flagged')]);
  });
});
