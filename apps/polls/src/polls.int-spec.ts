import { randomBytes } from 'node:crypto';
import { connect, JSONCodec, NatsConnection } from 'nats';
import { Client } from 'pg';
import {
  Caller,
  POLL_CHANGED_SIGNAL,
  PollChangedSignal,
  PollClosedV1,
  PollDraft,
  PollReply,
  PollIdRequest,
  PollsRpc,
  RpcOperation,
  EventEnvelope,
} from '@app/contracts';
import { RunningService, startService } from '@app/host';
import { NatsNamespace, NatsRpcClient, RemoteError } from '@app/messaging';
import { loadConfig } from '@app/runtime';
import { createTestDatabase, TestDatabase } from '@test/support/test-database';
import { TEST_NATS_URL } from '@test/support/test-nats';
import { waitFor } from '@test/support/wait-for';
import { PollsEnv } from './polls.config';
import { PollsModule } from './polls.module';
import { VotesRepository } from './repositories/votes.repository';
import { PollsScheduler } from './polls.scheduler';

const run = randomBytes(4).toString('hex');
let readerSeq = 0;

const editor: Caller = { readerId: null, staffId: 'editor-1', roles: ['editor'], addressHash: null };
/** A reader with an identity and an address of their own, unless the test shares one. */
const reader = (addressHash: string | null = null): Caller => {
  readerSeq += 1;
  return {
    readerId: `r-${run}-${readerSeq}`,
    staffId: null,
    roles: [],
    addressHash: addressHash ?? `a-${run}-${readerSeq}`,
  };
};

const draft = (overrides: Partial<PollDraft> = {}): PollDraft => ({
  question: 'Какой транспорт вам удобнее в городе?',
  options: ['Автобус', 'Метро', 'Велосипед', 'Пешком', 'Такси'],
  ...overrides,
});

interface Failure {
  status: number;
  code: string;
  retryAfterSeconds?: number;
}

/** A call's outcome as data, so concurrent results can be counted. */
async function settle<T>(call: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: Failure }> {
  try {
    return { ok: true, value: await call };
  } catch (error) {
    if (error instanceof RemoteError) {
      return {
        ok: false,
        error: { status: error.status, code: error.code, retryAfterSeconds: error.retryAfterSeconds },
      };
    }
    throw error;
  }
}

describe('polls service over NATS', () => {
  let db: TestDatabase;
  let pg: Client;
  let nc: NatsConnection;
  let rpc: NatsRpcClient;
  const services: RunningService[] = [];
  const stream = `POLLS_TEST_${run.toUpperCase()}`;

  /** A copy of the service; `env` may give it other settings (and a namespace of its own to be reached in). */
  const startCopy = async (env: NodeJS.ProcessEnv = {}): Promise<RunningService> => {
    const config = loadConfig(PollsEnv, {
      NATS_URL: TEST_NATS_URL,
      DATABASE_URL: db.url,
      DATABASE_POOL_MAX: '20',
      DEMO: 'false',
      LOG_LEVEL: 'error',
      POLL_SCHEDULER_INTERVAL_MS: '100',
      POLL_VOTES_PER_ADDRESS_PER_HOUR: '0',
      ...env,
    });
    // The stream captures nothing the service publishes: the outbox rows are what these tests read.
    const events = {
      stream,
      streamOptions: { subjects: [`events.${run}.>`] },
      relay: { pollIntervalMs: 60000 },
    };
    const service = await startService({
      name: 'polls',
      config,
      module: PollsModule.register(config, db.url, events),
    });
    services.push(service);
    return service;
  };

  /** Copies in namespaces of their own, each with a per-address vote cap (the default copy has none). */
  const cappedClients = new Map<number, NatsRpcClient>();

  const call = <TRequest extends object, TReply>(
    operation: RpcOperation<TRequest, TReply>,
    request: TRequest,
  ) => rpc.call(operation, request);
  const create = (overrides: Partial<PollDraft> = {}) =>
    call(PollsRpc.create, { caller: editor, draft: draft(overrides) }).then((reply) => reply.poll);
  const vote = (pollId: string, caller: Caller, optionIds: string[], capPerHour = 0): Promise<PollReply> => {
    const client = capPerHour === 0 ? rpc : cappedClients.get(capPerHour);
    if (!client) throw new Error(`no copy runs with a cap of ${capPerHour}`);
    return client.call(PollsRpc.castVote, { caller, pollId, ballot: { optionIds } });
  };

  const one = async <T extends object>(sql: string, params: unknown[] = []): Promise<T> =>
    (await pg.query(sql, params)).rows[0] as T;
  /** Counters against the vote rows, straight from the tables. */
  const countsOf = async (pollId: string) => {
    const { ballots } = await one<{ ballots: number }>(
      'select count(*)::int as ballots from polls.ballot where poll_id = $1',
      [pollId],
    );
    const { voters } = await one<{ voters: number }>(
      'select coalesce(sum(voters), 0)::int as voters from polls.voter_tally where poll_id = $1',
      [pollId],
    );
    const { rows } = await pg.query<{ option_id: string; tallied: number; chosen: number }>(
      `select o.id as option_id,
              (select coalesce(sum(votes), 0)::int from polls.option_tally t where t.poll_id = $1 and t.option_id = o.id) as tallied,
              (select count(*)::int from polls.ballot b where b.poll_id = $1 and o.id = any (b.option_ids)) as chosen
         from polls.poll_option o where o.poll_id = $1 order by o.position`,
      [pollId],
    );
    return { ballots, voters, options: rows };
  };
  const closedEvents = async (pollId: string) =>
    (
      await pg.query<{ payload: EventEnvelope<PollClosedV1> }>(
        `select payload from polls.outbox_event where type = 'poll.closed' and payload->'data'->>'pollId' = $1`,
        [pollId],
      )
    ).rows.map((row) => row.payload.data);

  beforeAll(async () => {
    db = await createTestDatabase('polls_test');
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    nc = await connect({ servers: TEST_NATS_URL.split(',') });
    rpc = new NatsRpcClient(nc, 20000);
    await startCopy();
    for (const cap of [1, 7]) {
      const namespace = new NatsNamespace(`cap${cap}_${run}`);
      await startCopy({ POLL_VOTES_PER_ADDRESS_PER_HOUR: String(cap), NATS_PREFIX: namespace.prefix });
      cappedClients.set(cap, new NatsRpcClient(nc, 20000, undefined, namespace));
    }
  });

  afterAll(async () => {
    for (const service of services.splice(0)) await service.close();
    await nc
      ?.jetstreamManager()
      .then((jsm) => jsm.streams.delete(stream))
      .catch(() => undefined);
    await nc?.drain();
    await pg?.end();
    await db?.drop();
  });

  it('refuses editors’ subjects to a reader (403) and a vote without a reader identity (401)', async () => {
    const asReader = await settle(call(PollsRpc.create, { caller: reader(), draft: draft() }));
    expect(asReader).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 403, code: 'forbidden' }),
    });
    const poll = await create();
    const editorsOnly: RpcOperation<PollIdRequest, unknown>[] = [
      PollsRpc.close,
      PollsRpc.delete,
      PollsRpc.exportResults,
    ];
    for (const operation of editorsOnly) {
      const refused = await settle(call(operation, { caller: reader(), pollId: poll.id }));
      expect(refused).toEqual({ ok: false, error: expect.objectContaining({ status: 403 }) });
    }
    const anonymous = { readerId: null, staffId: null, roles: [], addressHash: null };
    const refused = await settle(vote(poll.id, anonymous, [poll.options[0].id]));
    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ status: 401 }) });
  });

  it('shows every caller only what the visibility rule lets them see, in every reply', async () => {
    const poll = await create({ resultsVisibility: 'after_vote' });
    const voter = reader();
    await vote(poll.id, reader(), [poll.options[0].id]);
    const onlyQuestion = expect.objectContaining({
      totalVotes: null,
      totalVoters: null,
      options: poll.options.map(({ id, text }) => ({ id, text, votes: null, percent: null })),
    });
    expect((await call(PollsRpc.get, { caller: voter, pollId: poll.id })).poll).toEqual(onlyQuestion);
    const listed = await call(PollsRpc.list, { caller: voter, query: { placement: poll.placement } });
    expect(listed.items.find((item) => item.id === poll.id)).toEqual(onlyQuestion);
    const voted = await vote(poll.id, voter, [poll.options[1].id]);
    expect(voted.poll).toMatchObject({ totalVotes: 2, myVote: [poll.options[1].id] });
    expect((await call(PollsRpc.get, { caller: editor, pollId: poll.id })).poll.totalVotes).toBe(2);

    const hidden = await create({ resultsVisibility: 'after_close' });
    const afterVote = await vote(hidden.id, reader(), [hidden.options[0].id]);
    expect(afterVote.poll).toMatchObject({ totalVotes: null, myVote: [hidden.options[0].id] });

    const scheduled = await create({ opensAt: new Date(Date.now() + 3600_000).toISOString() });
    const unseen = await settle(call(PollsRpc.get, { caller: reader(), pollId: scheduled.id }));
    expect(unseen).toEqual({ ok: false, error: expect.objectContaining({ status: 404 }) });
    expect((await call(PollsRpc.get, { caller: editor, pollId: scheduled.id })).poll.status).toBe(
      'scheduled',
    );
    const upcoming = { placement: scheduled.placement, status: 'scheduled' as const };
    const editorsUpcoming = await call(PollsRpc.list, { caller: editor, query: upcoming });
    expect(editorsUpcoming.items.map((item) => item.id)).toContain(scheduled.id);
    expect(editorsUpcoming.items.every((item) => item.status === 'scheduled')).toBe(true);
    const readersUpcoming = await call(PollsRpc.list, { caller: reader(), query: upcoming });
    expect(readersUpcoming.items).toEqual([]);
  });

  it('counts 500 readers voting at once exactly, with counters equal to the vote rows', async () => {
    const poll = await create();
    const signals: number[] = [];
    const subscription = nc.subscribe(POLL_CHANGED_SIGNAL, {
      callback: (_error, message) => {
        if (JSONCodec<PollChangedSignal>().decode(message.data).pollId === poll.id) signals.push(Date.now());
      },
    });
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, i) => settle(vote(poll.id, reader(), [poll.options[(i * i) % 5].id]))),
    );
    const elapsedMs = Date.now() - started;
    process.stdout.write(`500 concurrent votes answered in ${elapsedMs} ms\n`);

    expect(results.filter((result) => !result.ok)).toEqual([]);
    const counts = await countsOf(poll.id);
    expect(counts.ballots).toBe(500);
    expect(counts.voters).toBe(500);
    counts.options.forEach((option) => expect(option.tallied).toBe(option.chosen));
    expect(counts.options.reduce((sum, option) => sum + option.chosen, 0)).toBe(500);

    const { poll: seen } = await call(PollsRpc.get, { caller: editor, pollId: poll.id });
    expect(seen.totalVotes).toBe(500);
    expect(seen.totalVoters).toBe(500);
    expect(seen.options.map((option) => option.votes)).toEqual(counts.options.map((option) => option.chosen));
    expect(seen.options.reduce((sum, option) => sum + (option.percent ?? 0), 0)).toBe(100);

    // Leading and trailing edge: at most one signal per 250 ms, and the last vote is announced. Gaps
    // are not measured here: arrival times jitter with the event loop (the throttle's unit test has them).
    await waitFor(
      () => signals.length > 0 && Date.now() - signals[signals.length - 1] > 300,
      5000,
      'signals to settle',
    );
    subscription.unsubscribe();
    expect(signals.length).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 250) + 1);
  });

  it('counts 100 identical votes sent at once by one reader once and answers the others 409', async () => {
    const poll = await create();
    const voter = reader();
    const results = await Promise.all(
      Array.from({ length: 100 }, () => settle(vote(poll.id, voter, [poll.options[1].id]))),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const refused = results.filter((result) => !result.ok);
    expect(refused).toHaveLength(99);
    refused.forEach((result) =>
      expect(result).toEqual({
        ok: false,
        error: expect.objectContaining({ status: 409, code: 'already_voted' }),
      }),
    );
    const counts = await countsOf(poll.id);
    expect(counts.ballots).toBe(1);
    expect(counts.options.map((option) => option.tallied)).toEqual([0, 1, 0, 0, 0]);
    const mine = await call(PollsRpc.myVote, { caller: voter, pollId: poll.id });
    expect(mine.optionIds).toEqual([poll.options[1].id]);
  });

  it('refuses a vote after the close with 422 and changes nothing; a second close is 409', async () => {
    const poll = await create();
    await vote(poll.id, reader(), [poll.options[0].id]);
    await vote(poll.id, reader(), [poll.options[2].id]);
    const { poll: closed } = await call(PollsRpc.close, { caller: editor, pollId: poll.id });
    expect(Date.parse(closed.closesAt!)).toBeLessThanOrEqual(Date.now());
    const before = await countsOf(poll.id);

    const late = await settle(vote(poll.id, reader(), [poll.options[0].id]));
    expect(late).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 422, code: 'poll_not_open' }),
    });
    expect(await countsOf(poll.id)).toEqual(before);

    const again = await settle(call(PollsRpc.close, { caller: editor, pollId: poll.id }));
    expect(again).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 409, code: 'poll_already_closed' }),
    });
    const events = await closedEvents(poll.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ pollId: poll.id, totalVotes: 2, totalVoters: 2 });
  });

  it('either counts a vote racing the close before it or refuses it, never half of it', async () => {
    const poll = await create();
    let answered = 0;
    let closeAnswered = false;
    const results: Awaited<ReturnType<typeof settle<PollReply>>>[] = [];
    // Forty readers keep voting until the close has answered and each has voted once more after it.
    const workers = Array.from({ length: 40 }, async (_, worker) => {
      for (let i = 0; ; i += 1) {
        const afterClose = closeAnswered;
        results.push(await settle(vote(poll.id, reader(), [poll.options[(worker + i) % 5].id])));
        answered += 1;
        if (afterClose) return;
      }
    });
    await waitFor(() => answered >= 100, 20000, 'the first votes to be answered');
    const { poll: closed } = await call(PollsRpc.close, { caller: editor, pollId: poll.id });
    closeAnswered = true;
    await Promise.all(workers);

    const counted = results.filter((result) => result.ok).length;
    const refused = results.filter((result) => !result.ok);
    refused.forEach((result) =>
      expect(result).toEqual({
        ok: false,
        error: expect.objectContaining({ status: 422, code: 'poll_not_open' }),
      }),
    );
    expect(counted).toBeGreaterThanOrEqual(100);
    expect(refused.length).toBeGreaterThanOrEqual(40);
    process.stdout.write(`racing the close: ${counted} counted, ${refused.length} refused\n`);

    const counts = await countsOf(poll.id);
    expect(counts.ballots).toBe(counted);
    expect(counts.voters).toBe(counted);
    counts.options.forEach((option) => expect(option.tallied).toBe(option.chosen));
    expect(closed.totalVoters).toBe(counted);
    const [event] = await closedEvents(poll.id);
    expect(event.totalVoters).toBe(counted);
    expect(event.options.map((option) => option.votes)).toEqual(
      counts.options.map((option) => option.chosen),
    );
    const { rows } = await pg.query(
      'select 1 from polls.ballot b join polls.poll p on p.id = b.poll_id where b.poll_id = $1 and b.created_at > p.closes_at',
      [poll.id],
    );
    expect(rows).toHaveLength(0);
  });

  it('lets exactly the capped number of votes from one address through, and 0 turns the cap off', async () => {
    const poll = await create();
    const address = `shared-${run}`;
    const results = await Promise.all(
      Array.from({ length: 30 }, () => settle(vote(poll.id, reader(address), [poll.options[0].id], 7))),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(7);
    const refused = results.filter((result) => !result.ok);
    expect(refused).toHaveLength(23);
    refused.forEach((result) => {
      expect(result).toEqual({
        ok: false,
        error: expect.objectContaining({ status: 429, code: 'rate_limited' }),
      });
      if (!result.ok) expect(result.error.retryAfterSeconds).toBeGreaterThan(0);
    });
    expect((await countsOf(poll.id)).ballots).toBe(7);
    // A capped reader left no ballot behind: with the cap lifted, the same reader votes.
    const uncapped = await create();
    const flood = await Promise.all(
      Array.from({ length: 60 }, () =>
        settle(vote(uncapped.id, reader(address), [uncapped.options[0].id], 0)),
      ),
    );
    expect(flood.every((result) => result.ok)).toBe(true);
  });

  it('refuses votes on a scheduled poll until opensAt, then takes them and announces the opening', async () => {
    const placement = `scheduled-${run}`;
    const opensAt = new Date(Date.now() + 1500);
    const poll = await create({ opensAt: opensAt.toISOString(), placement });
    const signalled: number[] = [];
    const subscription = nc.subscribe(POLL_CHANGED_SIGNAL, {
      callback: (_error, message) => {
        if (JSONCodec<PollChangedSignal>().decode(message.data).pollId === poll.id)
          signalled.push(Date.now());
      },
    });
    const voter = reader();
    const early = await settle(vote(poll.id, voter, [poll.options[0].id]));
    expect(early).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 422, code: 'poll_not_open' }),
    });
    const none = await settle(call(PollsRpc.current, { caller: voter, placement }));
    expect(none).toEqual({ ok: false, error: expect.objectContaining({ status: 404 }) });

    // The scheduler signals the opening with no request: caches learn that the status changed.
    await waitFor(() => signalled.some((at) => at >= opensAt.getTime()), 10000, 'the opening signal');
    subscription.unsubscribe();
    const accepted = await vote(poll.id, voter, [poll.options[0].id]);
    expect(accepted.poll.myVote).toEqual([poll.options[0].id]);
    expect(accepted.poll.totalVoters).toBe(1);
    const current = await call(PollsRpc.current, { caller: voter, placement });
    expect(current.poll.id).toBe(poll.id);
    expect(current.poll.myVote).toEqual([poll.options[0].id]);
  });

  it('records poll.closed exactly once per poll past its closesAt with two copies of the service', async () => {
    const second = await startCopy();
    const opensAt = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    const polls = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        create({ opensAt, closesAt: new Date(Date.now() + 1500 + i * 20).toISOString() }),
      ),
    );
    const voted = polls[0];
    await vote(voted.id, reader(), [voted.options[3].id]);
    const schedulers = [services[0], second].map((service) => service.app.get(PollsScheduler));
    const ids = polls.map((poll) => poll.id);
    await waitFor(
      async () => {
        await Promise.all(schedulers.flatMap((scheduler) => [scheduler.tick(), scheduler.tick()]));
        const { marked } = await one<{ marked: number }>(
          'select count(*)::int as marked from polls.poll where id = any($1) and closed_event_at is not null',
          [ids],
        );
        return marked === ids.length;
      },
      10000,
      'every poll to be marked closed',
    );
    await Promise.all(schedulers.flatMap((scheduler) => [scheduler.tick(), scheduler.tick()]));
    for (const poll of polls) expect(await closedEvents(poll.id)).toHaveLength(1);
    const [event] = await closedEvents(voted.id);
    expect(event).toMatchObject({ totalVotes: 1, totalVoters: 1 });
    expect(event.options[3]).toMatchObject({ votes: 1, percent: 100 });
  });

  it('gives each vote of one batch its own outcome: new, same reader again, unknown, closed, capped', async () => {
    const poll = await create();
    const multiple = await create({ multipleChoice: true, maxChoices: 2 });
    const closed = await create();
    await call(PollsRpc.close, { caller: editor, pollId: closed.id });
    const earlier = reader();
    await vote(poll.id, earlier, [poll.options[4].id]);
    const [fresh, twice, capped1, capped2, both] = [reader(), reader(), reader(), reader(), reader()];
    const shared = `batch-${run}`;
    const ballot = (pollId: string, who: Caller, optionIds: string[], capPerHour = 0) => ({
      pollId,
      readerId: who.readerId!,
      addressHash: who.addressHash,
      optionIds,
      capPerHour,
    });

    const outcomes = await services[0].app
      .get(VotesRepository)
      .castVotes(
        [
          ballot(poll.id, fresh, [poll.options[0].id]),
          ballot(poll.id, twice, [poll.options[1].id]),
          ballot(poll.id, twice, [poll.options[2].id]),
          ballot(poll.id, earlier, [poll.options[0].id]),
          ballot('00000000-0000-4000-8000-000000000000', fresh, [poll.options[0].id]),
          ballot(closed.id, fresh, [closed.options[0].id]),
          ballot(poll.id, { ...capped1, addressHash: shared }, [poll.options[3].id], 1),
          ballot(poll.id, { ...capped2, addressHash: shared }, [poll.options[3].id], 1),
          ballot(poll.id, reader(), [multiple.options[0].id]),
          ballot(multiple.id, both, [multiple.options[0].id, multiple.options[2].id]),
        ],
        3,
      );

    expect(outcomes.map((outcome) => outcome.kind)).toEqual([
      'ok',
      'ok',
      'already_voted',
      'already_voted',
      'not_found',
      'not_open',
      'ok',
      'vote_cap_reached',
      'invalid_choice',
      'ok',
    ]);
    const tallies = (index: number) => {
      const outcome = outcomes[index];
      if (outcome.kind !== 'ok') throw new Error(`ballot ${index} was not accepted`);
      return outcome.tallies;
    };
    // Votes on one poll share the poll's tallies right after the batch, with every vote in it.
    expect(tallies(1)).toBe(tallies(0));
    expect(tallies(0).voters).toBe(4);
    expect(poll.options.map((option) => tallies(0).votes.get(option.id) ?? 0)).toEqual([1, 1, 0, 1, 1]);
    expect(tallies(9)).toEqual({
      voters: 1,
      votes: new Map([
        [multiple.options[0].id, 1],
        [multiple.options[2].id, 1],
      ]),
    });
    const capped = outcomes[7];
    expect(capped.kind === 'vote_cap_reached' && capped.retryAfterSeconds).toBeGreaterThan(0);

    for (const { id } of [poll, multiple, closed]) {
      const counts = await countsOf(id);
      expect(counts.voters).toBe(counts.ballots);
      counts.options.forEach((option) => expect(option.tallied).toBe(option.chosen));
    }
    expect((await countsOf(poll.id)).ballots).toBe(4);
    expect((await countsOf(closed.id)).ballots).toBe(0);
    const mine = await call(PollsRpc.myVote, { caller: twice, pollId: poll.id });
    expect(mine.optionIds).toEqual([poll.options[1].id]);
    const none = await call(PollsRpc.myVote, { caller: capped2, pollId: poll.id });
    expect(none.optionIds).toBeNull();
  });

  it('answers each of a burst of mixed votes over NATS with its own status', async () => {
    const poll = await create();
    const closed = await create();
    await call(PollsRpc.close, { caller: editor, pollId: closed.id });
    const twice = reader();
    const shared = `burst-${run}`;
    const results = await Promise.all(
      [
        vote(poll.id, reader(), [poll.options[0].id]),
        vote(poll.id, twice, [poll.options[1].id]),
        vote(poll.id, twice, [poll.options[1].id]),
        vote(closed.id, reader(), [closed.options[0].id]),
        vote('00000000-0000-4000-8000-000000000000', reader(), [poll.options[0].id]),
        vote(poll.id, reader(shared), [poll.options[2].id], 1),
        vote(poll.id, reader(shared), [poll.options[2].id], 1),
      ].map(settle),
    );
    const statuses = results.map((result) => (result.ok ? 201 : result.error.status));
    expect(statuses[0]).toBe(201);
    expect([statuses[1], statuses[2]].sort()).toEqual([201, 409]);
    expect(statuses.slice(3, 5)).toEqual([422, 404]);
    expect([statuses[5], statuses[6]].sort()).toEqual([201, 429]);
    const accepted = results.filter((result) => result.ok);
    accepted.forEach((result) => expect(result.value.poll.totalVoters).toBeGreaterThanOrEqual(1));
    const counts = await countsOf(poll.id);
    expect(counts.ballots).toBe(3);
    expect(counts.voters).toBe(3);
    counts.options.forEach((option) => expect(option.tallied).toBe(option.chosen));
  });

  it('answers each vote of one cast_many message on its own: counted with the counts, or refused', async () => {
    const poll = await create();
    const closed = await create();
    await call(PollsRpc.close, { caller: editor, pollId: closed.id });
    const twice = reader();
    const shared = `many-${run}`;
    const anonymous: Caller = { readerId: null, staffId: null, roles: [], addressHash: null };
    const votes = [
      { caller: reader(), pollId: poll.id, optionIds: [poll.options[0].id] },
      { caller: twice, pollId: poll.id, optionIds: [poll.options[1].id] },
      { caller: twice, pollId: poll.id, optionIds: [poll.options[2].id] },
      { caller: reader(), pollId: closed.id, optionIds: [closed.options[0].id] },
      { caller: reader(), pollId: poll.id, optionIds: [closed.options[0].id] },
      { caller: anonymous, pollId: poll.id, optionIds: [poll.options[0].id] },
      { caller: reader(shared), pollId: poll.id, optionIds: [poll.options[3].id] },
      { caller: reader(shared), pollId: poll.id, optionIds: [poll.options[3].id] },
    ];
    const { outcomes } = await cappedClients.get(1)!.call(PollsRpc.castVotes, {
      votes: votes.map(({ caller, pollId, optionIds }) => ({ caller, pollId, ballot: { optionIds } })),
    });
    const statuses = outcomes.map((outcome) => ('reply' in outcome ? 201 : outcome.error.status));
    expect(statuses).toEqual([201, 201, 409, 422, 400, 401, 201, 429]);
    const counted = outcomes.flatMap((outcome) => ('reply' in outcome ? [outcome.reply] : []));
    expect(counted.map((vote) => vote.optionIds)).toEqual([
      [poll.options[0].id],
      [poll.options[1].id],
      [poll.options[3].id],
    ]);
    // Votes of one batch on one poll are answered with the counts after all of them.
    for (const vote of counted) {
      expect(vote.tallies.totalVoters).toBe(3);
      expect(vote.tallies.options.map((option) => option.id)).toEqual(
        poll.options.map((option) => option.id),
      );
      expect(vote.tallies.options.map((option) => option.votes)).toEqual([1, 1, 0, 1, 0]);
    }
    const counts = await countsOf(poll.id);
    expect(counts.ballots).toBe(3);
    expect(counts.voters).toBe(3);
    counts.options.forEach((option) => expect(option.tallied).toBe(option.chosen));
    expect((await countsOf(closed.id)).ballots).toBe(0);
  });

  it('keeps options with votes: renames and additions pass, a removal is 409', async () => {
    const poll = await create({ options: ['Да', 'Нет', 'Не знаю'] });
    const listed = poll.options.map(({ id, text }) => ({ id, text }));
    const withoutLast = { options: listed.slice(0, 2) };
    await vote(poll.id, reader(), [poll.options[0].id]);

    const removal = await settle(
      call(PollsRpc.update, { caller: editor, pollId: poll.id, changes: withoutLast }),
    );
    expect(removal).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 409, code: 'options_locked' }),
    });

    const changes = {
      question: 'Новый вопрос',
      options: [{ ...listed[2] }, { ...listed[0], text: 'Да, конечно' }, listed[1], { text: 'Другое' }],
    };
    const { poll: edited } = await call(PollsRpc.update, {
      caller: editor,
      pollId: poll.id,
      changes,
    });
    expect(edited.question).toBe('Новый вопрос');
    expect(edited.options.map((option) => [option.text, option.votes])).toEqual([
      ['Не знаю', 0],
      ['Да, конечно', 1],
      ['Нет', 0],
      ['Другое', 0],
    ]);
    const added = edited.options[3].id;
    const reply = await vote(poll.id, reader(), [added]);
    expect(reply.poll.options[3]).toMatchObject({ id: added, votes: 1, percent: 50 });

    const unvoted = await create({ options: ['Один', 'Два', 'Три'] });
    const trimmed = unvoted.options.slice(0, 2).map(({ id, text }) => ({ id, text }));
    const { poll: shorter } = await call(PollsRpc.update, {
      caller: editor,
      pollId: unvoted.id,
      changes: { options: trimmed },
    });
    expect(shorter.options).toHaveLength(2);
  });

  it('validates ballots: an unknown option, two on a single-choice poll, more than maxChoices are 400', async () => {
    const single = await create();
    const multiple = await create({ multipleChoice: true, maxChoices: 2 });
    const cases = [
      vote(single.id, reader(), ['00000000-0000-4000-8000-000000000000']),
      vote(single.id, reader(), [single.options[0].id, single.options[1].id]),
      vote(
        multiple.id,
        reader(),
        multiple.options.slice(0, 3).map((option) => option.id),
      ),
      vote(multiple.id, reader(), [single.options[0].id]),
    ];
    for (const result of await Promise.all(cases.map(settle))) {
      expect(result).toEqual({
        ok: false,
        error: expect.objectContaining({ status: 400, code: 'validation_failed' }),
      });
      if (!result.ok) expect(result).toHaveProperty('error.status', 400);
    }
    const both = await vote(multiple.id, reader(), [multiple.options[3].id, multiple.options[1].id]);
    expect(both.poll.myVote).toEqual([multiple.options[1].id, multiple.options[3].id]);
    expect(both.poll).toMatchObject({ totalVotes: 2, totalVoters: 1 });
    const badDraft = await settle(create({ multipleChoice: true, maxChoices: 9 }));
    expect(badDraft).toEqual({ ok: false, error: expect.objectContaining({ status: 400 }) });
  });

  it('serves the current poll of a placement, the archive page by page with my votes, and the export', async () => {
    const placement = `archive-${run}`;
    const voter = reader();
    const created: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const poll = await create({ placement, question: `Вопрос ${i}` });
      created.push(poll.id);
      if (i % 2 === 0) await vote(poll.id, voter, [poll.options[i].id]);
    }
    await call(PollsRpc.close, { caller: editor, pollId: created[0] });

    const current = await call(PollsRpc.current, { caller: voter, placement });
    expect(current.poll.id).toBe(created[4]);
    expect(current.poll.myVote).toEqual([current.poll.options[4].id]);

    const seen: string[] = [];
    const myVotes: Record<string, string[]> = {};
    let cursor: string | undefined;
    do {
      const page = await call(PollsRpc.list, {
        caller: voter,
        query: { placement, limit: 2, ...(cursor ? { cursor } : {}) },
      });
      seen.push(...page.items.map((item) => item.id));
      page.items.forEach((item) => {
        if (item.myVote) myVotes[item.id] = item.myVote;
      });
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...created].reverse());
    expect(Object.keys(myVotes).sort()).toEqual([created[0], created[2], created[4]].sort());

    const closedOnly = await call(PollsRpc.list, {
      caller: voter,
      query: { placement, status: 'closed' },
    });
    expect(closedOnly.items.map((item) => item.id)).toEqual([created[0]]);

    const exported = await call(PollsRpc.exportResults, {
      caller: editor,
      pollId: created[2],
    });
    expect(exported.hourly).toEqual([
      { hour: expect.stringMatching(/:00:00\.000Z$/), optionId: exported.poll.options[2].id, votes: 1 },
    ]);

    await call(PollsRpc.delete, { caller: editor, pollId: created[1] });
    const gone = await settle(call(PollsRpc.get, { caller: voter, pollId: created[1] }));
    expect(gone).toEqual({ ok: false, error: expect.objectContaining({ status: 404 }) });
    // Ballots have no foreign key to their poll: deleting the poll deletes them with it.
    expect((await countsOf(created[2])).ballots).toBe(1);
    await call(PollsRpc.delete, { caller: editor, pollId: created[2] });
    expect(await countsOf(created[2])).toEqual({ ballots: 0, voters: 0, options: [] });
  });
});
