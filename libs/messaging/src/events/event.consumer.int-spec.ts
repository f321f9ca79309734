import { randomUUID } from 'node:crypto';
import { connect, JetStreamManager, NatsConnection, StringCodec } from 'nats';
import type { EntityManager } from '@mikro-orm/postgresql';
import { eventOf } from '@app/contracts';
import {
  EventConsumer,
  EventConsumerOptions,
  EventMeta,
  OutboxRelay,
  recordDeadLetter,
  recordEvent,
} from '@app/messaging';
import { requestContext } from '@app/runtime';
import { TEST_NATS_URL } from '@test/support/test-nats';
import { waitFor } from '@test/support/wait-for';
import { createTestEventStream, TestEventStream } from '@test/support/test-event-stream';
import { createTestMessagingDatabase, TestMessagingDatabase } from '@test/support/test-messaging-database';
import { NoteAddedV1, NoteAddedV2, NoteFlaggedV1, NoteRemovedV1, NoteTagV1 } from '@test/support/test-events';

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

  type Options = Partial<EventConsumerOptions> & Pick<EventConsumerOptions, 'durable' | 'handle'>;

  async function startConsumer(options: Options, connection = nc): Promise<EventConsumer> {
    const consumer = new EventConsumer(
      { orm: db.orm, nc: connection, address: stream.address },
      { events: [NoteAddedV1], backoffMs: [50], ackWaitMs: 2000, ...options },
    );
    await consumer.start();
    running.push(consumer);
    return consumer;
  }

  const newRelay = () => new OutboxRelay(db.orm, nc.jetstream(), {}, stream.namespace);

  /** The handler's side effect, written with the transaction it is given. */
  const react = (em: EntityManager, meta: EventMeta, consumer: string) =>
    em.execute(`insert into "${db.schema}".reaction (event_id, consumer) values (?, ?)`, [meta.id, consumer]);

  const reactions = async (consumer: string) =>
    Number(
      (
        await db.sql<{ n: string }>('select count(*) n from {schema}.reaction where consumer = ?', [consumer])
      )[0].n,
    );

  const deadLetters = (consumer: string) =>
    db.sql<Record<string, unknown>>(
      'select * from {schema}.dead_letter where consumer = ? order by created_at, id',
      [consumer],
    );

  /** Every message of the stream was delivered to `durable` and settled (acked or terminated). */
  const settled = (durable: string, messages: number) => async () => {
    const info = await jsm.consumers.info(stream.name, stream.address.durable(durable));
    return info.delivered.stream_seq >= messages && info.num_pending === 0 && info.num_ack_pending === 0;
  };

  const recordCommitted = (event: object, requestId = 'req-note') =>
    requestContext.run({ requestId }, () =>
      db.orm.em.fork().transactional(async (em) => recordEvent(em, event)),
    );

  /** What a publisher that skipped the contracts would put on the stream. */
  const publishRaw = async (type: string, body: unknown) =>
    nc
      .jetstream()
      .publish(
        stream.address.subjectOfType(type),
        codec.encode(typeof body === 'string' ? body : JSON.stringify(body)),
      );

  const note = (text: string) => eventOf(NoteAddedV1, { text });

  it('delivers a re-published event to a consumer once', async () => {
    const event = await recordCommitted(note('once'), 'req-once');
    // The relay published the row, then died before marking it: the next relay publishes it again.
    await nc
      .jetstream()
      .publish(stream.address.subject(event.subject), codec.encode(JSON.stringify(event.payload)), {
        msgID: event.id,
      });
    const relay = newRelay();
    relay.start();
    running.push(relay);

    const seen: { id: string; requestId?: string }[] = [];
    await startConsumer({
      durable: 'once',
      handle: async (_received, em, meta) => {
        seen.push({ id: meta.id, requestId: requestContext.requestId() });
        await react(em, meta, 'once');
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
    expect(seen).toEqual([{ id: event.id, requestId: 'req-once' }]);
    expect(await reactions('once')).toBe(1);
  });

  it('hands the handler a validated instance of its class, without fields the class does not know', async () => {
    const event = await recordCommitted(eventOf(NoteAddedV1, { text: 'typed', tags: [{ tag: 'city' }] }));
    const id = randomUUID();
    // A publisher a release ahead adds a field this consumer's class does not have.
    await publishRaw('note.added', {
      id,
      type: 'note.added',
      version: 1,
      occurredAt: new Date().toISOString(),
      data: { text: 'with extra', extra: 'ignored' },
    });
    await newRelay().flush();
    const received: { event: unknown; meta: EventMeta }[] = [];

    await startConsumer({
      durable: 'typed',
      handle: async (received_, _em, meta) => {
        received.push({ event: received_, meta });
      },
    });

    await waitFor(settled('typed', 2), 5000, 'both events settled');
    const byId = new Map(received.map((item) => [item.meta.id, item]));
    const typed = byId.get(event.id)!;
    expect(typed.event).toBeInstanceOf(NoteAddedV1);
    expect((typed.event as NoteAddedV1).tags?.[0]).toBeInstanceOf(NoteTagV1);
    expect(typed.meta).toMatchObject({ type: 'note.added', version: 1, requestId: 'req-note' });
    expect(byId.get(id)!.event).toEqual(Object.assign(new NoteAddedV1(), { text: 'with extra' }));
    expect(await deadLetters('typed')).toHaveLength(0);
  });

  it('dead-letters an event that breaks its contract at once, with the reason, and never calls the handler', async () => {
    const id = randomUUID();
    await publishRaw('note.added', {
      id,
      type: 'note.added',
      version: 1,
      occurredAt: new Date().toISOString(),
      data: { text: '', tags: [{ tag: 42 }] },
    });
    let calls = 0;

    await startConsumer({
      durable: 'strict',
      maxDeliver: 5,
      handle: async () => {
        calls++;
      },
    });

    await waitFor(settled('strict', 1), 5000, 'the message terminated');
    const [letter] = await deadLetters('strict');
    expect(letter).toMatchObject({ event_id: id, type: 'note.added', deliveries: 1 });
    expect(letter.error).toMatch(/^note\.added v1 is not valid: /);
    expect(letter.error).toContain('text: text must be longer than or equal to 1 characters');
    expect(letter.error).toContain('tags.0.tag: tag must be a string');
    expect(calls).toBe(0);
  });

  it('dead-letters an event of a version it does not know, and handles the versions it registered', async () => {
    await recordCommitted(eventOf(NoteAddedV2, { text: 'second shape', audience: 'staff' }));
    await recordCommitted(note('first shape'));
    await newRelay().flush();
    const handled: string[] = [];

    await startConsumer({
      durable: 'v1-only',
      handle: async (received) => {
        handled.push(received.constructor.name);
      },
    });
    await startConsumer({
      durable: 'both-versions',
      events: [NoteAddedV1, NoteAddedV2],
      handle: async (received) => {
        handled.push(`both:${received.constructor.name}`);
      },
    });

    await waitFor(settled('v1-only', 2), 5000, 'v1-only settled');
    await waitFor(settled('both-versions', 2), 5000, 'both-versions settled');
    expect(handled.sort()).toEqual(['NoteAddedV1', 'both:NoteAddedV1', 'both:NoteAddedV2']);
    const [letter] = await deadLetters('v1-only');
    expect(letter.error).toBe('note.added version 2 is unknown to this consumer (it knows 1)');
    expect(await deadLetters('both-versions')).toHaveLength(0);
  });

  it('parks each message that is no event under an id of its own', async () => {
    await publishRaw('note.added', 'not json at all');
    await publishRaw('note.added', { type: 'note.added', data: {} });

    await startConsumer({ durable: 'garbage', handle: async () => undefined });

    await waitFor(settled('garbage', 2), 5000, 'both messages terminated');
    const letters = await deadLetters('garbage');
    expect(letters).toHaveLength(2);
    expect(new Set(letters.map((letter) => letter.event_id)).size).toBe(2);
    expect(letters.map((letter) => letter.error)).toEqual(['not an event envelope', 'not an event envelope']);
    expect(letters.map((letter) => letter.type)).toEqual([null, null]);
  });

  it('handles an event published again after the duplicate window once', async () => {
    const event = await recordCommitted(note('late copy'));
    // Beyond the window the stream keeps both copies; only the inbox tells them apart.
    for (const msgID of [event.id, `${event.id}-late`]) {
      await nc
        .jetstream()
        .publish(stream.address.subject(event.subject), codec.encode(JSON.stringify(event.payload)), {
          msgID,
        });
    }
    let calls = 0;
    await startConsumer({
      durable: 'late',
      handle: async (_received, em, meta) => {
        calls++;
        await react(em, meta, 'late');
      },
    });

    await waitFor(settled('late', 2), 5000, 'both copies settled');
    expect(calls).toBe(1);
    expect(await reactions('late')).toBe(1);
  });

  it('retries a failing handler with back-off and dead-letters it after maxDeliver', async () => {
    const event = await recordCommitted(note('poison'));
    await newRelay().flush();
    const attempts: number[] = [];

    await startConsumer({
      durable: 'failing',
      maxDeliver: 3,
      backoffMs: [100, 300],
      handle: async (_received, em, meta) => {
        attempts.push(Date.now());
        await react(em, meta, 'failing');
        throw new Error(`cannot handle ${meta.type}`);
      },
    });

    await waitFor(async () => (await deadLetters('failing')).length === 1, 10000, 'the dead letter');
    await waitFor(settled('failing', 1), 5000, 'the message terminated');
    expect(attempts).toHaveLength(3);
    expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(90);
    expect(attempts[2] - attempts[1]).toBeGreaterThanOrEqual(280);
    const [letter] = await deadLetters('failing');
    expect(letter).toMatchObject({
      consumer: 'failing',
      event_id: event.id,
      subject: stream.address.subject(event.subject),
      type: 'note.added',
      deliveries: 3,
      error: 'Error: cannot handle note.added',
      payload: { id: event.id, type: 'note.added', version: 1, data: { text: 'poison' } },
    });
    // Each failed attempt rolled back its side effect and its inbox entry.
    expect(await reactions('failing')).toBe(0);
    expect(await db.sql('select 1 from {schema}.inbox_entry where consumer = ?', ['failing'])).toHaveLength(
      0,
    );
  });

  it('keeps one dead letter, with the later error, when two copies park one event at once', async () => {
    const eventId = randomUUID();
    const park = (error: string, deliveries: number) =>
      recordDeadLetter(db.orm.em.fork(), {
        consumer: 'racing',
        eventId,
        subject: 'events.note.added',
        type: 'note.added',
        payload: { id: eventId },
        error,
        deliveries,
      });

    await Promise.all([park('first copy', 5), park('second copy', 6), park('third copy', 6)]);
    await park('after a crash', 4);

    const letters = await deadLetters('racing');
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ event_id: eventId, deliveries: 6, error: 'after a crash' });
  });

  it('handles a redelivered event once when the ack was lost', async () => {
    await recordCommitted(note('ack lost'));
    await newRelay().flush();
    const doomed = await connect({ servers: TEST_NATS_URL });
    let calls = 0;
    const handle: EventConsumerOptions['handle'] = async (_received, em, meta) => {
      calls++;
      await react(em, meta, 'ack-lost');
      // The process loses NATS after its handler succeeded: the commit happens, the ack never arrives.
      await doomed.close();
    };

    await startConsumer({ durable: 'ack-lost', ackWaitMs: 1000, handle }, doomed);
    await waitFor(async () => (await reactions('ack-lost')) === 1, 5000, 'the first handling committed');
    // Another copy of the service takes over the durable consumer and gets the redelivery.
    await startConsumer({ durable: 'ack-lost', ackWaitMs: 1000, handle });

    await waitFor(settled('ack-lost', 1), 10000, 'the redelivery acknowledged');
    const info = await jsm.consumers.info(stream.name, stream.address.durable('ack-lost'));
    expect(info.ack_floor.stream_seq).toBe(1);
    expect(info.delivered.consumer_seq).toBeGreaterThanOrEqual(2);
    expect(calls).toBe(1);
    expect(await reactions('ack-lost')).toBe(1);
  });

  it('consumes only the event classes it registered for', async () => {
    await recordCommitted(note('added'));
    await recordCommitted(eventOf(NoteRemovedV1, { text: 'removed' }));
    await recordCommitted(eventOf(NoteFlaggedV1, { text: 'flagged' }));
    await newRelay().flush();
    const handled: string[] = [];

    await startConsumer({
      durable: 'filtered',
      events: [NoteAddedV1, NoteFlaggedV1],
      handle: async (_received, _em, meta) => {
        handled.push(meta.type);
      },
    });

    await waitFor(settled('filtered', 3), 5000, 'the stream consumed');
    expect(handled.sort()).toEqual(['note.added', 'note.flagged']);
  });

  it('handles up to its concurrency at once, each event exactly once, and still parks the bad one', async () => {
    const texts = Array.from({ length: 12 }, (_, i) => `note ${i}`);
    for (const text of texts) await recordCommitted(note(text));
    await publishRaw('note.added', { id: randomUUID(), type: 'note.added', version: 1, data: { text: '' } });
    await newRelay().flush();
    let active = 0;
    let peak = 0;
    const handledTexts: string[] = [];

    await startConsumer({
      durable: 'parallel',
      concurrency: 3,
      handle: async (received, em, meta) => {
        active++;
        peak = Math.max(peak, active);
        try {
          // Nobody finishes before three were in hand at once: one at a time would never get there.
          await waitFor(() => peak >= 3, 5000, 'three events in hand at once');
          await react(em, meta, 'parallel');
          handledTexts.push((received as NoteAddedV1).text);
        } finally {
          active--;
        }
      },
    });

    await waitFor(settled('parallel', 13), 15000, 'every message settled');
    expect(peak).toBe(3);
    expect(handledTexts.sort()).toEqual([...texts].sort());
    expect(await reactions('parallel')).toBe(12);
    expect(await deadLetters('parallel')).toHaveLength(1);
  });
});
