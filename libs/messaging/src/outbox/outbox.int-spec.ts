import { connect, JetStreamManager, NatsConnection } from 'nats';
import { EntityManager } from '@mikro-orm/postgresql';
import { eventOf } from '@app/contracts';
import { OutboxCommitListener, OutboxRelay, OutboxRelayOptions, recordEvent } from '@app/messaging';
import { requestContext } from '@app/runtime';
import { TEST_NATS_URL } from '@test/support/test-nats';
import { waitFor } from '@test/support/wait-for';
import { createTestEventStream, TestEventStream } from '@test/support/test-event-stream';
import { createTestMessagingDatabase, TestMessagingDatabase } from '@test/support/test-messaging-database';
import { NoteAddedV1 } from '@test/support/test-events';

describe('outbox relay', () => {
  let db: TestMessagingDatabase;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let stream: TestEventStream;
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    db = await createTestMessagingDatabase();
    await db.sql('create table {schema}.article_note (id serial primary key, text text not null)');
    nc = await connect({ servers: TEST_NATS_URL });
    jsm = await nc.jetstreamManager();
  });

  beforeEach(async () => {
    // Rows left by an earlier test belong to a deleted stream; they must not reach this one.
    await db.sql('delete from {schema}.outbox_event');
    stream = await createTestEventStream(jsm);
  });

  afterEach(async () => {
    try {
      await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    } finally {
      await stream.delete();
    }
  });

  afterAll(async () => {
    await nc?.drain();
    await db?.close();
  });

  function newRelay(options: OutboxRelayOptions = {}): OutboxRelay {
    const relay = new OutboxRelay(
      db.orm,
      nc.jetstream(),
      { pollIntervalMs: 50, flushTimeoutMs: 2000, ...options },
      stream.namespace,
    );
    relays.push(relay);
    return relay;
  }

  /** A business change and its event, committed together. */
  async function commitNoteWithEvent(em: EntityManager, text: string): Promise<string> {
    return em.transactional(async (tx) => {
      await tx.execute(`insert into "${db.schema}".article_note (text) values (?)`, [text]);
      return recordEvent(tx, eventOf(NoteAddedV1, { text })).id;
    });
  }

  const streamedMessages = async () => (await jsm.streams.info(stream.name)).state.messages;
  const unpublishedCount = async () =>
    Number(
      (
        await db.sql<{ n: string }>('select count(*) n from {schema}.outbox_event where published_at is null')
      )[0].n,
    );

  it('publishes an event committed while no relay was running', async () => {
    const id = await requestContext.run({ requestId: 'req-outbox-1' }, () =>
      commitNoteWithEvent(db.orm.em.fork(), 'first'),
    );
    expect(await streamedMessages()).toBe(0);

    newRelay().start();

    await waitFor(async () => (await streamedMessages()) === 1, 5000, 'the event on the stream');
    const message = await jsm.streams.getMessage(stream.name, { seq: 1 });
    expect(message.header.get('Nats-Msg-Id')).toBe(id);
    expect(message.subject).toBe(`${stream.namespace.prefix}.events.note.added`);
    expect(message.json()).toMatchObject({
      id,
      type: 'note.added',
      version: 1,
      requestId: 'req-outbox-1',
      data: { text: 'first' },
    });
    await waitFor(async () => (await unpublishedCount()) === 0, 5000, 'the row marked published');
  });

  it('resumes where a relay that stopped mid-way left off', async () => {
    for (let i = 0; i < 5; i++) await commitNoteWithEvent(db.orm.em.fork(), `note ${i}`);
    // A relay publishes one batch of two and dies before its next pass.
    const interrupted = new OutboxRelay(db.orm, nc.jetstream(), { batchSize: 2 }, stream.namespace);
    await interrupted.publishPending();
    expect(await streamedMessages()).toBe(2);
    expect(await unpublishedCount()).toBe(3);

    newRelay({ batchSize: 2 }).start();

    await waitFor(async () => (await unpublishedCount()) === 0, 5000, 'every row published');
    expect(await streamedMessages()).toBe(5);
    const texts = [];
    for (let seq = 1; seq <= 5; seq++) {
      texts.push(
        (await jsm.streams.getMessage(stream.name, { seq })).json<{ data: { text: string } }>().data.text,
      );
    }
    expect(texts).toEqual(['note 0', 'note 1', 'note 2', 'note 3', 'note 4']);
  });

  it('publishes nothing for a rolled-back change', async () => {
    const relay = newRelay();
    relay.start();
    const em = db.orm.em.fork();

    await expect(
      em.transactional(async (tx) => {
        await tx.execute(`insert into "${db.schema}".article_note (text) values ('never')`);
        recordEvent(tx, eventOf(NoteAddedV1, { text: 'never' }));
        await tx.flush();
        throw new Error('the change is refused');
      }),
    ).rejects.toThrow('the change is refused');
    // A committed event after the rolled-back one: once it is on the stream, the relay has had its chance.
    await commitNoteWithEvent(db.orm.em.fork(), 'after');

    await waitFor(async () => (await streamedMessages()) === 1, 5000, 'the committed event');
    await relay.stop();
    expect(await streamedMessages()).toBe(1);
    const rows = await db.sql<{ text: string }>(
      "select payload->'data'->>'text' as text from {schema}.outbox_event",
    );
    expect(rows).toEqual([{ text: 'after' }]);
  });

  it('refuses to record an event that breaks its contract, and rolls the change back with it', async () => {
    await expect(
      db.orm.em.fork().transactional(async (tx) => {
        await tx.execute(`insert into "${db.schema}".article_note (text) values ('half done')`);
        recordEvent(tx, eventOf(NoteAddedV1, { text: '' }));
      }),
    ).rejects.toThrow('note.added v1 does not satisfy its contract: text: text must be longer than');

    expect(await db.sql("select 1 from {schema}.article_note where text = 'half done'")).toHaveLength(0);
    expect(await db.sql('select 1 from {schema}.outbox_event')).toHaveLength(0);
  });

  it('publishes each event once when several relays run at once', async () => {
    const em = db.orm.em.fork();
    await em.transactional(async (tx) => {
      for (let i = 0; i < 300; i++) recordEvent(tx, eventOf(NoteAddedV1, { text: `note ${i}` }));
    });

    // Every publish reaches a plain subscriber, even one the stream drops as a duplicate.
    let publishes = 0;
    const subscription = nc.subscribe(stream.wildcard, { callback: () => publishes++ });

    const copies = [newRelay({ batchSize: 20 }), newRelay({ batchSize: 20 }), newRelay({ batchSize: 20 })];
    copies.forEach((relay) => relay.start());

    await waitFor(async () => (await unpublishedCount()) === 0, 15000, 'every row published');
    expect(await streamedMessages()).toBe(300);
    await nc.flush();
    subscription.unsubscribe();
    expect(publishes).toBe(300);
  });

  it('publishes right after the commit, without waiting for the next poll', async () => {
    const relay = newRelay({ pollIntervalMs: 60000 });
    const listener = new OutboxCommitListener(() => relay.kick());
    db.orm.em.getEventManager().registerSubscriber(listener);
    try {
      await commitNoteWithEvent(db.orm.em.fork(), 'before start');
      relay.start();
      // Its first pass publishes that one; from then on only a kick wakes it before a minute is up.
      await waitFor(async () => (await streamedMessages()) === 1, 3000, 'the first pass');

      await commitNoteWithEvent(db.orm.em.fork(), 'kicked');

      await waitFor(async () => (await streamedMessages()) === 2, 3000, 'the event published by a kick');
    } finally {
      db.orm.em.getEventManager().getSubscribers().delete(listener);
    }
  });

  it('publishes the rows a commit hands over and marks them, with no claiming pass of its own', async () => {
    const relay = newRelay({ pollIntervalMs: 60000 });
    const listener = new OutboxCommitListener((rows) => relay.handOff(rows));
    db.orm.em.getEventManager().registerSubscriber(listener);
    try {
      relay.start();
      await waitFor(async () => (await unpublishedCount()) === 0, 3000, 'the first pass');
      const passes = jest.spyOn(relay, 'publishPending');

      const ids = await db.orm.em.fork().transactional(async (tx) => {
        await tx.execute(`insert into "${db.schema}".article_note (text) values ('handed over')`);
        return ['one', 'two', 'three'].map((text) => recordEvent(tx, eventOf(NoteAddedV1, { text })).id);
      });

      await waitFor(async () => (await streamedMessages()) === 3, 3000, 'the events handed over');
      await waitFor(async () => (await unpublishedCount()) === 0, 3000, 'the rows marked published');
      const marked = await db.sql<{ id: string }>(
        'select id from {schema}.outbox_event where published_at is not null order by id',
      );
      expect(marked.map((row) => row.id)).toEqual([...ids].sort());
      expect(passes).not.toHaveBeenCalled();
    } finally {
      db.orm.em.getEventManager().getSubscribers().delete(listener);
    }
  });

  it('keeps an event it could not publish and publishes it once JetStream takes it', async () => {
    await commitNoteWithEvent(db.orm.em.fork(), 'patient');
    await stream.delete(); // nothing captures the subject: every publish fails
    const relay = newRelay({ publishTimeoutMs: 500, maxRetryDelayMs: 200 });
    relay.start();

    await waitFor(
      async () =>
        Number(
          (await db.sql<{ attempts: number }>('select attempts from {schema}.outbox_event'))[0].attempts,
        ) >= 2,
      10000,
      'two failed attempts recorded',
    );
    const [failed] = await db.sql<{ last_error: string; published_at: Date | null }>(
      'select last_error, published_at from {schema}.outbox_event',
    );
    expect(failed.published_at).toBeNull();
    expect(failed.last_error).toBeTruthy();

    await stream.recreate();
    await waitFor(async () => (await unpublishedCount()) === 0, 10000, 'the event published after all');
    expect(await streamedMessages()).toBe(1);
  });
});
