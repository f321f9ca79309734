import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { Client } from 'pg';
import { HttpClient } from '@test/support/http-client';
import { Suite, SUITE_ADMIN } from '@test/support/suite';
import { waitFor } from '@test/support/wait-for';

interface PollView {
  id: string;
  status: string;
  totalVotes: number | null;
  totalVoters: number | null;
  myVote: string[] | null;
  options: { id: string; text: string; votes: number | null; percent: number | null }[];
}

/** Reads Server-Sent Events from a URL until stopped; events are parsed as JSON. */
function listen(url: string, headers: Record<string, string> = {}) {
  const events: { event: string; data: any }[] = [];
  let status = 0;
  const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
    status = res.statusCode ?? 0;
    let buffer = '';
    res.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop() ?? '';
      for (const block of blocks) {
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    });
  });
  req.on('error', () => undefined);
  req.end();
  return { events, status: () => status, stop: () => req.destroy() };
}

describe('polls through the gateway', () => {
  let suite: Suite;
  let http: HttpClient;
  let editor: string;

  beforeAll(async () => {
    suite = await Suite.start({
      services: ['polls'],
      gatewayEnv: { CORS_ORIGINS: 'https://portal.example' },
      serviceEnv: { POLL_VOTES_PER_ADDRESS_PER_HOUR: '0' },
    });
    http = new HttpClient(suite.baseUrl);
    const admin = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
    await http.post(
      '/api/v1/admin/staff',
      { email: 'editor@polls.test', password: 'editor-password-123', roles: ['editor'] },
      { token: admin },
    );
    editor = await http.login('editor@polls.test', 'editor-password-123');
  });
  afterAll(() => suite?.stop());

  async function createPoll(body: Record<string, unknown> = {}): Promise<PollView> {
    const created = await http.post<PollView>(
      '/api/v1/polls',
      {
        question: 'Где вы чаще покупаете овощи?',
        options: ['На базаре', 'В супермаркете', 'Выращиваю сам'],
        ...body,
      },
      { token: editor },
    );
    expect(created.status).toBe(201);
    return created.body;
  }

  async function vote(pollId: string, optionIds: string[], readerToken?: string) {
    return http.post<PollView>(
      `/api/v1/polls/${pollId}/votes`,
      { optionIds },
      { readerToken: readerToken ?? (await http.readerToken()) },
    );
  }

  it('lets a reader vote once and shows shares that add up to 100', async () => {
    const poll = await createPoll();
    const reader = await http.readerToken();
    const first = await vote(poll.id, [poll.options[0].id], reader);
    expect(first.status).toBe(201);
    expect(first.body.myVote).toEqual([poll.options[0].id]);
    expect(first.body.totalVotes).toBe(1);
    await vote(poll.id, [poll.options[1].id]);
    await vote(poll.id, [poll.options[2].id]);
    const again = await vote(poll.id, [poll.options[1].id], reader);
    expect(again.status).toBe(409);
    expect((again.body as unknown as { code: string }).code).toBe('already_voted');
    const read = await http.get<PollView>(`/api/v1/polls/${poll.id}`, { readerToken: reader });
    expect(read.body.totalVotes).toBe(3);
    expect(read.body.options.map((option) => option.percent)).toEqual([34, 33, 33]);
    expect(read.body.myVote).toEqual([poll.options[0].id]);
  });

  it('refuses bad ballots with 400 and changes nothing', async () => {
    const poll = await createPoll();
    const unknown = await vote(poll.id, ['00000000-0000-4000-8000-0000000000aa']);
    expect(unknown.status).toBe(400);
    const two = await vote(poll.id, [poll.options[0].id, poll.options[1].id]);
    expect(two.status).toBe(400);
    const empty = await vote(poll.id, []);
    expect(empty.status).toBe(400);
    const anonymous = await http.post(`/api/v1/polls/${poll.id}/votes`, { optionIds: [poll.options[0].id] });
    expect(anonymous.status).toBe(401);
    expect((await http.get<PollView>(`/api/v1/polls/${poll.id}`)).body.totalVotes).toBe(0);
  });

  it('hides results from a reader until they vote when visibility is after_vote; editors always see them', async () => {
    const poll = await createPoll({ resultsVisibility: 'after_vote' });
    await vote(poll.id, [poll.options[1].id]);
    const reader = await http.readerToken();
    const before = await http.get<PollView>(`/api/v1/polls/${poll.id}`, { readerToken: reader });
    expect(before.body.totalVotes).toBeNull();
    expect(before.body.options.every((option) => option.votes === null && option.percent === null)).toBe(
      true,
    );
    const asEditor = await http.get<PollView>(`/api/v1/polls/${poll.id}`, { token: editor });
    expect(asEditor.body.totalVotes).toBe(1);
    const voted = await vote(poll.id, [poll.options[0].id], reader);
    expect(voted.body.totalVotes).toBe(2);
    const after = await http.get<PollView>(`/api/v1/polls/${poll.id}`, { readerToken: reader });
    expect(after.body.options.map((option) => option.votes)).toEqual([1, 1, 0]);
  });

  it('closes a poll: later votes are 422, results after_close appear, editors export CSV', async () => {
    const poll = await createPoll({ resultsVisibility: 'after_close' });
    await vote(poll.id, [poll.options[0].id]);
    expect((await http.get<PollView>(`/api/v1/polls/${poll.id}`)).body.totalVotes).toBeNull();
    const closed = await http.post<PollView>(`/api/v1/polls/${poll.id}/close`, undefined, { token: editor });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    const late = await vote(poll.id, [poll.options[1].id]);
    expect(late.status).toBe(422);
    const publicView = await http.get<PollView>(`/api/v1/polls/${poll.id}`);
    expect(publicView.body.totalVotes).toBe(1);
    const csv = await http.get(`/api/v1/polls/${poll.id}/results.csv`, { token: editor });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(csv.text).toContain('option,votes,percent');
    expect(csv.text).toContain('На базаре,1,100');
    expect(
      (await http.get(`/api/v1/polls/${poll.id}/results.csv`, { readerToken: await http.readerToken() }))
        .status,
    ).toBe(401);
    const archive = await http.get<{ items: PollView[] }>('/api/v1/polls?status=closed');
    expect(archive.body.items.map((item) => item.id)).toContain(poll.id);
  });

  it('refuses to remove an option once votes exist (409) but renames it', async () => {
    const poll = await createPoll();
    await vote(poll.id, [poll.options[0].id]);
    const removal = await http.call(`/api/v1/polls/${poll.id}`, {
      method: 'PATCH',
      body: {
        options: [
          { id: poll.options[0].id, text: 'На рынке' },
          { id: poll.options[1].id, text: 'В магазине' },
        ],
      },
      token: editor,
    });
    expect(removal.status).toBe(409);
    const rename = await http.call<PollView>(`/api/v1/polls/${poll.id}`, {
      method: 'PATCH',
      body: {
        options: poll.options.map((option, index) => ({
          id: option.id,
          text: index === 0 ? 'На рынке' : option.text,
        })),
      },
      token: editor,
    });
    expect(rename.status).toBe(200);
    expect(rename.body.options[0]).toMatchObject({ text: 'На рынке', votes: 1 });
  });

  it('shows a vote cast through one gateway copy on another copy within a second', async () => {
    const poll = await createPoll();
    const other = new HttpClient(await suite.startGateway());
    for (const client of [http, other])
      expect((await client.get<PollView>(`/api/v1/polls/${poll.id}`)).body.totalVotes).toBe(0);
    expect((await vote(poll.id, [poll.options[2].id])).status).toBe(201);
    const votedAt = Date.now();
    await waitFor(
      async () => (await other.get<PollView>(`/api/v1/polls/${poll.id}`)).body.totalVotes === 1,
      1000,
      'the other gateway copy to show the vote',
      10,
    );
    expect(Date.now() - votedAt).toBeLessThan(1000);
  });

  it('streams live results over Server-Sent Events when votes arrive', async () => {
    const poll = await createPoll();
    const stream = listen(`${suite.baseUrl}/api/v1/polls/${poll.id}/live`);
    try {
      await waitFor(() => stream.events.length >= 1, 5000, 'the first results event');
      expect(stream.status()).toBe(200);
      expect(stream.events[0]).toMatchObject({ event: 'results', data: { id: poll.id, totalVotes: 0 } });
      await Promise.all([0, 1, 2, 3, 4].map((index) => vote(poll.id, [poll.options[index % 3].id])));
      await waitFor(
        () => stream.events.some((event) => event.data.totalVotes === 5),
        5000,
        'an event with all five votes',
      );
      // At most one event a second: five quick votes never make five events.
      expect(stream.events.length).toBeLessThanOrEqual(3);
    } finally {
      stream.stop();
    }
  });

  it('answers repeated reads from memory exactly as the first, headers included', async () => {
    const poll = await createPoll({ resultsVisibility: 'after_vote' });
    const reader = await http.readerToken();
    await vote(poll.id, [poll.options[0].id], reader);
    const fromPortal = { headers: { origin: 'https://portal.example' } };
    for (const credentials of [{}, { readerToken: reader }, { readerToken: await http.readerToken() }]) {
      const first = await http.get<PollView>(`/api/v1/polls/${poll.id}`, { ...credentials, ...fromPortal });
      const again = await http.get<PollView>(`/api/v1/polls/${poll.id}`, { ...credentials, ...fromPortal });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('access-control-allow-origin')).toBe('https://portal.example');
      for (const header of [
        'content-type',
        'content-security-policy',
        'x-content-type-options',
        'cache-control',
      ]) {
        expect([header, again.headers.get(header)]).toEqual([header, first.headers.get(header)]);
      }
      expect(again.headers.get('x-request-id')).toBeTruthy();
    }
    const mine = await http.get<PollView>(`/api/v1/polls/${poll.id}`, { readerToken: reader });
    expect(mine.body.myVote).toEqual([poll.options[0].id]);
    expect(mine.body.totalVotes).toBe(1);
    const stranger = await http.get<PollView>(`/api/v1/polls/${poll.id}`, {
      readerToken: await http.readerToken(),
    });
    expect(stranger.body.totalVotes).toBeNull();
    const forged = await http.get(`/api/v1/polls/${poll.id}`, { readerToken: 'rt1.forged' });
    expect(forged.status).toBe(401);
    const current = await http.get<PollView>('/api/v1/polls/current?placement=sidebar');
    const currentAgain = await http.get<PollView>('/api/v1/polls/current?placement=sidebar');
    expect(currentAgain.body).toEqual(current.body);
    expect((await http.get('/api/v1/polls/current?placement=%3Cx%3E')).status).toBe(400);
  });

  it('caps votes per address at the polls service’s POLL_VOTES_PER_ADDRESS_PER_HOUR with 429 and Retry-After', async () => {
    const poll = await createPoll();
    // The cap is the polls service's setting: a gateway and a polls copy in a namespace of their own
    // run with a cap of 2, beside the uncapped ones, on the same database.
    const namespace = { NATS_PREFIX: `capped${Date.now()}` };
    await suite.startService('polls', { ...namespace, POLL_VOTES_PER_ADDRESS_PER_HOUR: '2' });
    const capped = new HttpClient(await suite.startGateway({ ...namespace, TRUST_PROXY: '127.0.0.1' }));
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const statuses = [];
    for (let index = 0; index < 3; index += 1) {
      const answer = await capped.post(
        `/api/v1/polls/${poll.id}/votes`,
        { optionIds: [poll.options[0].id] },
        { readerToken: await http.readerToken(), headers: from('192.0.2.10') },
      );
      statuses.push(answer.status);
      if (answer.status === 429) expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([201, 201, 429]);
    const elsewhere = await capped.post(
      `/api/v1/polls/${poll.id}/votes`,
      { optionIds: [poll.options[0].id] },
      { readerToken: await http.readerToken(), headers: from('192.0.2.11') },
    );
    expect(elsewhere.status).toBe(201);
    expect((await http.get<PollView>(`/api/v1/polls/${poll.id}`, { token: editor })).body.totalVotes).toBe(3);
  });

  it('keeps a scheduled poll from readers even after an editor read it', async () => {
    const poll = await createPoll({ opensAt: new Date(Date.now() + 3600_000).toISOString() });
    expect((await http.get<PollView>(`/api/v1/polls/${poll.id}`, { token: editor })).body.status).toBe(
      'scheduled',
    );
    const reader = await http.readerToken();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expect((await http.get(`/api/v1/polls/${poll.id}`)).status).toBe(404);
      expect((await http.get(`/api/v1/polls/${poll.id}`, { readerToken: reader })).status).toBe(404);
    }
    const archive = await http.get<{ items: PollView[] }>('/api/v1/polls?status=all&limit=100');
    expect(archive.body.items.map((item) => item.id)).not.toContain(poll.id);
  });

  it('serves the current sidebar poll and 404 for a placement without one', async () => {
    const poll = await createPoll({ placement: 'sidebar-e2e' });
    const current = await http.get<PollView>('/api/v1/polls/current?placement=sidebar-e2e');
    expect(current.body.id).toBe(poll.id);
    expect((await http.get('/api/v1/polls/current?placement=nowhere')).status).toBe(404);
  });

  it('answers each vote of a burst on its own, refusals included, when the gateway sends them to polls together', async () => {
    // A gateway copy that waits long enough for the whole burst to share one message to polls.
    const batching = new HttpClient(await suite.startGateway({ POLL_VOTE_FORWARD_DELAY_MS: '100' }));
    const gateway = suite.gateways[suite.gateways.length - 1];
    const ops = new HttpClient(suite.gatewayOpsUrls[suite.gatewayOpsUrls.length - 1]);
    try {
      const poll = await createPoll({ resultsVisibility: 'after_vote' });
      const closed = await createPoll();
      await http.post(`/api/v1/polls/${closed.id}/close`, {}, { token: editor });
      const readers = await Promise.all(Array.from({ length: 4 }, () => http.readerToken()));
      const twice = await http.readerToken();
      const voteAs = (pollId: string, optionIds: string[], readerToken: string) =>
        batching.post<PollView & { code?: string }>(
          `/api/v1/polls/${pollId}/votes`,
          { optionIds },
          { readerToken },
        );
      const answers = await Promise.all([
        ...readers.map((reader, index) => voteAs(poll.id, [poll.options[index % 3].id], reader)),
        voteAs(poll.id, [poll.options[0].id], twice),
        voteAs(poll.id, [poll.options[1].id], twice),
        voteAs(closed.id, [closed.options[0].id], await http.readerToken()),
        voteAs(poll.id, [closed.options[0].id], await http.readerToken()),
      ]);

      const statuses = answers.map((answer) => answer.status);
      expect(statuses.slice(0, 4)).toEqual([201, 201, 201, 201]);
      expect(statuses.slice(4, 6).sort()).toEqual([201, 409]);
      expect(statuses.slice(6)).toEqual([422, 400]);
      // Each counted vote shows the poll with the reader's own choice and the counts after its batch.
      answers.slice(0, 4).forEach((answer, index) => {
        expect(answer.body.myVote).toEqual([poll.options[index % 3].id]);
        expect(answer.body.options.map((option) => option.id)).toEqual(
          poll.options.map((option) => option.id),
        );
        expect(answer.body.totalVoters).toBeGreaterThanOrEqual(1);
        expect(answer.body.options.reduce((sum, option) => sum + (option.percent ?? 0), 0)).toBe(100);
      });
      const final = await http.get<PollView>(`/api/v1/polls/${poll.id}`, { token: editor });
      expect(final.body.totalVoters).toBe(5);

      // The burst went to polls in fewer messages than votes.
      const metrics = (await ops.get('/metrics')).text;
      const sent =
        /nats_request_duration_seconds_count\{[^}]*subject="polls\.vote\.cast_many"[^}]*\} (\d+)/.exec(
          metrics,
        );
      expect(Number(sent?.[1])).toBeGreaterThanOrEqual(1);
      expect(Number(sent?.[1])).toBeLessThan(answers.length);
    } finally {
      await gateway.stop();
    }
  });

  it('answers every vote when a polls process is stopped gracefully during a burst', async () => {
    const poll = await createPoll();
    const copies = suite.services.get('polls')!.filter((app) => app.running).length;
    const leaving = await suite.startService('polls');
    const readers = await Promise.all(Array.from({ length: 300 }, () => http.readerToken()));
    let stopping: Promise<number | null> | undefined;
    const statuses = await Promise.all(
      readers.map(async (reader, index) => {
        const answer = await vote(poll.id, [poll.options[index % 3].id], reader);
        if (!stopping && answer.status === 201) stopping = leaving.stop();
        return answer.status;
      }),
    );
    await stopping;
    expect(leaving.running).toBe(false);
    expect(statuses.filter((status) => status !== 201)).toEqual([]);
    expect(suite.services.get('polls')!.filter((app) => app.running).length).toBe(copies);
    // Every vote is stored: an editor's read comes from the service.
    expect((await http.get<PollView>(`/api/v1/polls/${poll.id}`, { token: editor })).body.totalVotes).toBe(
      300,
    );
    // A reader's read comes from the gateway's cache, which the results signal brings up to date: two
    // copies commit batches side by side, so the last vote answer may not have counted the other's.
    await waitFor(
      async () => (await http.get<PollView>(`/api/v1/polls/${poll.id}`)).body.totalVotes === 300,
      5000,
      "a reader's read to show all 300 votes",
    );
  });

  it('loses no vote that got a 201 when a polls process is killed while votes are in flight', async () => {
    const poll = await createPoll();
    await suite.startService('polls');
    const readers = await Promise.all(Array.from({ length: 300 }, () => http.readerToken()));
    let killed = false;
    const outcomes = await Promise.all(
      readers.map(async (reader, index) => {
        const answer = await vote(poll.id, [poll.options[index % 3].id], reader);
        if (!killed && answer.status === 201) {
          killed = true;
          void suite.service('polls', 0).kill();
        }
        return { reader, status: answer.status };
      }),
    );
    expect(killed).toBe(true);
    const statuses = new Set(outcomes.map((outcome) => outcome.status));
    expect([...statuses].every((status) => status === 201 || status === 503)).toBe(true);
    const accepted = outcomes.filter((outcome) => outcome.status === 201);
    expect(accepted.length).toBeGreaterThan(0);

    const db = new Client({ connectionString: suite.database.url });
    await db.connect();
    try {
      const rows = await db.query<{ reader_id: string }>(
        'select reader_id from polls.ballot where poll_id = $1',
        [poll.id],
      );
      const stored = new Set(rows.rows.map((row) => row.reader_id));
      const readerId = (token: string) =>
        createHmac('sha256', suite.secrets.HASH_SECRET)
          .update(`reader\u0000${token.split('.')[1]}`)
          .digest('base64url');
      const lost = accepted.filter((outcome) => !stored.has(readerId(outcome.reader)));
      expect(lost).toEqual([]);
      const tallies = await db.query<{ option_id: string; votes: string }>(
        'select option_id, sum(votes)::text as votes from polls.option_tally where poll_id = $1 group by option_id',
        [poll.id],
      );
      const choices = await db.query<{ option_id: string; votes: string }>(
        'select c.option_id, count(*)::text as votes from polls.ballot b cross join unnest(b.option_ids) as c(option_id) where b.poll_id = $1 group by c.option_id',
        [poll.id],
      );
      const byOption = (result: { rows: { option_id: string; votes: string }[] }) =>
        Object.fromEntries(result.rows.map((row) => [row.option_id, Number(row.votes)]));
      expect(byOption(tallies)).toEqual(byOption(choices));
    } finally {
      await db.end();
    }
  });
});
