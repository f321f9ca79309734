import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { HttpAnswer, HttpClient } from '@test/support/http-client';
import { parsePrometheusText, Sample, sumOf } from '@test/support/prometheus-text';
import { SmtpListener } from '@test/support/smtp-listener';
import { SERVICE_NAMES, Suite, SUITE_ADMIN, SuiteService } from '@test/support/suite';
import { waitFor } from '@test/support/wait-for';
import { submissionForm } from '@test/support/submission-form';

/**
 * The suite as operators scale it: two gateways and two copies of every service, on one database and
 * one NATS, with readers and staff sent to either gateway in turn. Small numbers, so that it stays
 * within a couple of minutes on a small machine.
 */
const VOTES = 200;
const POLLS = 4;
const COMMENTS = 100;
const ARTICLES = 5;
const SUBMISSIONS = 20;
const NOTIFICATION_READS = 40;
/** Requests in flight at once: enough to keep both copies of a service busy together. */
const IN_FLIGHT = 8;
/** Each copy's least share of the work its service got. */
const LEAST_SHARE = 0.1;
/** How long a copy may take to start while seven others start too. */
const START_TIMEOUT_MS = 60000;

interface PollView {
  id: string;
  status: string;
  totalVotes: number | null;
  options: { id: string }[];
}
interface CommentList {
  items: { id: string }[];
  total: number;
}
interface Copy {
  service: SuiteService;
  wave: number;
  opsUrl: string;
}

/** Runs `work` on every item, `limit` at a time. */
async function inParallel<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (next < items.length && !failed) {
      const index = next++;
      await work(items[index], index).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** How soon a change made through one gateway must show in the other's cached reads. */
const FRESH_WITHIN_MS = 1000;

/**
 * Reads until `sees` holds, and fails if a read sent `withinMs` or more after the change (just made)
 * still did not see it. The time counted is when each read was sent, not when it was answered: on a
 * busy machine an answer can take longer than the cache takes to refresh. Resolves with how long after
 * the change the first read that saw it was sent.
 */
async function visibleWithin(withinMs: number, sees: () => Promise<boolean>, what: string): Promise<number> {
  const changedAt = Date.now();
  for (;;) {
    const sentAt = Date.now();
    if (await sees()) return sentAt - changedAt;
    if (sentAt - changedAt >= withinMs) {
      throw new Error(`${what}: not seen by a read sent ${sentAt - changedAt} ms after the change`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the suite scaled out: two gateways, two copies of every service', () => {
  const smtp = new SmtpListener();
  let suite: Suite;
  const copies: Copy[] = [];
  let gateways: HttpClient[];
  let db: Client;
  let admin: string;
  let editor: string;
  let editorId: string;
  let moderator: string;
  /** Every answer the test got, by what it asked: none may be a 5xx. */
  const answers: { what: string; status: number }[] = [];

  /** The gateway for the n-th request: A, B, A, B... */
  const gateway = (n: number): HttpClient => gateways[n % 2];

  function expectStatus<T>(what: string, answer: HttpAnswer<T>, status: number): HttpAnswer<T> {
    answers.push({ what, status: answer.status });
    if (answer.status !== status) throw new Error(`${what}: ${answer.status} ${answer.text.slice(0, 300)}`);
    return answer;
  }

  beforeAll(async () => {
    await smtp.start();
    suite = await Suite.start({
      services: [],
      // Cached reads are kept for ten minutes: only the services' change signals can refresh them.
      // Ten processes of this test share a small machine with whatever else runs on it: a service's
      // answer may take seconds there. The wait is long so that a 503 means a request nobody took,
      // the failure this test is about, and not a busy CPU.
      gatewayEnv: {
        POLL_CACHE_TTL_MS: '600000',
        COMMENTS_CACHE_TTL_MS: '600000',
        NATS_REQUEST_TIMEOUT_MS: '10000',
        DATABASE_POOL_MAX: '4',
      },
      serviceEnv: {
        // Ten processes on one PostgreSQL (shared with other tests): their pools must fit its max_connections.
        DATABASE_POOL_MAX: '4',
        POLL_VOTES_PER_ADDRESS_PER_HOUR: '0',
        COMMENTS_PER_ADDRESS_PER_WINDOW: '0',
        SUBMISSIONS_PER_ADDRESS_PER_HOUR: '0',
        SMTP_URL: smtp.url,
        UNSUBSCRIBE_SECRET: 'Qm4tR8vZ2xK7pW1nY6cB9dF3hJ5sL0aE',
        PUBLIC_BASE_URL: 'https://engage.test',
        POLL_SCHEDULER_INTERVAL_MS: '200',
      },
    });
    // A copy of every service at once, then a second of each, as an orchestrator scaling a running
    // deployment would add them (migrations included). Starting takes long on a busy machine.
    for (const wave of [0, 1]) {
      const started = await Promise.all(
        SERVICE_NAMES.map(async (service) => ({
          service,
          wave,
          opsUrl: (await suite.startServiceWithOps(service, {}, START_TIMEOUT_MS)).opsUrl,
        })),
      );
      copies.push(...started);
    }
    const second = await suite.startGateway();
    gateways = [new HttpClient(suite.baseUrl), new HttpClient(second)];
    await Promise.all([
      suite.waitReady(suite.baseUrl, SERVICE_NAMES),
      suite.waitReady(second, SERVICE_NAMES),
    ]);

    db = new Client({ connectionString: suite.database.url });
    await db.connect();
    admin = await gateways[0].login(SUITE_ADMIN.email, SUITE_ADMIN.password);
    for (const [email, role] of [
      ['editor@scale.test', 'editor'],
      ['moderator@scale.test', 'moderator'],
    ]) {
      const created = await gateways[1].post(
        '/api/v1/admin/staff',
        { email, password: 'a-long-staff-password', roles: [role] },
        { token: admin },
      );
      expectStatus('staff account', created, 201);
    }
    editor = await gateways[0].login('editor@scale.test', 'a-long-staff-password');
    moderator = await gateways[1].login('moderator@scale.test', 'a-long-staff-password');
    editorId = (await gateways[0].get<{ id: string }>('/api/v1/auth/me', { token: editor })).body.id;
    // The editor must be in the notifications' directory before a poll closes, to be told of it.
    await waitFor(
      async () =>
        (await db.query('select 1 from notifications.recipient where staff_id = $1', [editorId])).rowCount ===
        1,
      15000,
      'the editor in the notifications directory',
    );
  }, 120000);

  afterAll(async () => {
    await db?.end();
    await suite?.stop();
    await smtp.stop();
  });

  const scrape = async (url: string): Promise<Sample[]> => {
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    return parsePrometheusText(await response.text());
  };

  /** Requests a copy answered over NATS, health probes left out (every copy gets those alike). */
  const rpcsHandled = (samples: Sample[]): number =>
    samples
      .filter((sample) => sample.name === 'nats_handling_duration_seconds_count')
      .filter((sample) => !sample.labels.subject.includes('.health.'))
      .reduce((total, sample) => total + sample.value, 0);

  const createPoll = async (n: number, extra: Record<string, unknown> = {}): Promise<PollView> =>
    expectStatus(
      'create a poll',
      await gateway(n).post<PollView>(
        '/api/v1/polls',
        { question: `Вопрос ${n}?`, options: ['Да', 'Нет', 'Не знаю'], ...extra },
        { token: editor },
      ),
      201,
    ).body;

  it('answers every vote, comment, submission and notification read through both gateways, without a 5xx', async () => {
    // A poll the clock closes while the readers come and go: both polls copies' schedulers race for it.
    const closing = await createPoll(0, { closesAt: new Date(Date.now() + 4000).toISOString() });
    const polls: PollView[] = [];
    for (let n = 0; n < POLLS; n++) polls.push(await createPoll(n));
    const articles = Array.from({ length: ARTICLES }, () => `scale-${randomUUID().slice(0, 8)}`);
    const readers = await Promise.all(
      Array.from({ length: VOTES / POLLS }, (_, n) => gateway(n).readerToken()),
    );

    const votes = Array.from({ length: VOTES }, (_, n) => n);
    const comments = Array.from({ length: COMMENTS }, (_, n) => n);
    const submissions = Array.from({ length: SUBMISSIONS }, (_, n) => n);
    const reads = Array.from({ length: NOTIFICATION_READS }, (_, n) => n);
    await Promise.all([
      inParallel(votes, IN_FLIGHT / 2, async (n) => {
        const poll = polls[n % POLLS];
        const answer = await gateway(n).post(
          `/api/v1/polls/${poll.id}/votes`,
          { optionIds: [poll.options[n % 3].id] },
          { readerToken: readers[Math.floor(n / POLLS)] },
        );
        expectStatus('vote', answer, 201);
      }),
      inParallel(comments, IN_FLIGHT / 4, async (n) => {
        const answer = await gateway(n).post(
          `/api/v1/articles/${articles[n % ARTICLES]}/comments`,
          { authorName: 'Читатель', body: `Мнение номер ${n}` },
          { readerToken: await gateway(n + 1).readerToken() },
        );
        expectStatus('comment', answer, 201);
      }),
      inParallel(submissions, 1, async (n) => {
        const response = await fetch(`${gateway(n).baseUrl}/api/v1/submissions`, {
          method: 'POST',
          body: submissionForm(`Новость ${n} ${randomUUID().slice(0, 8)}`),
        });
        const text = await response.text();
        expectStatus('submission', { status: response.status, text } as HttpAnswer, 201);
      }),
      inParallel(reads, 1, async (n) => {
        const token = n % 4 < 2 ? moderator : editor;
        const path = n % 2 === 0 ? '/api/v1/me/notifications' : '/api/v1/me/notifications/unread-count';
        expectStatus('notification read', await gateway(n).get(path, { token }), 200);
      }),
    ]);

    // Every count is right whichever gateway and copy took it.
    for (const [n, poll] of polls.entries()) {
      const view = await gateway(n).get<PollView>(`/api/v1/polls/${poll.id}`, { token: editor });
      expect(expectStatus('poll view', view, 200).body.totalVotes).toBe(VOTES / POLLS);
    }
    const counts = await gateways[1].get<{ counts: Record<string, number> }>(
      `/api/v1/comments/counts?articleIds=${articles.join(',')}`,
    );
    expect(expectStatus('comment counts', counts, 200).body.counts).toEqual(
      Object.fromEntries(articles.map((article) => [article, COMMENTS / ARTICLES])),
    );
    const desk = await gateways[0].get<{ items: unknown[] }>('/api/v1/moderation/submissions?limit=100', {
      token: moderator,
    });
    expect(expectStatus('submissions desk', desk, 200).body.items).toHaveLength(SUBMISSIONS);

    // The scheduled close happened once: one poll.closed event, one notice in the editor's feed.
    await waitFor(
      async () =>
        (await gateway(1).get<PollView>(`/api/v1/polls/${closing.id}`)).body.status === 'closed' &&
        (await gateway(0).get<PollView>(`/api/v1/polls/${closing.id}`)).body.status === 'closed',
      15000,
      'the scheduled poll closed on both gateways',
    );
    // A reader's view shows "closed" from closesAt on, before a scheduler has written the close: the
    // close's event is awaited, then counted.
    const closedEvents = () =>
      db.query(
        `select id from polls.outbox_event where type = 'poll.closed' and payload->'data'->>'pollId' = $1`,
        [closing.id],
      );
    await waitFor(async () => (await closedEvents()).rowCount! > 0, 15000, 'the poll.closed event');
    const closed = await closedEvents();
    expect(closed.rowCount).toBe(1);
    const editorFeed = async () =>
      (
        await gateway(1).get<{ items: { type: string; link: string | null }[] }>('/api/v1/me/notifications', {
          token: editor,
        })
      ).body.items.filter((item) => item.type === 'poll.closed' && item.link === `polls/${closing.id}`);
    await waitFor(async () => (await editorFeed()).length > 0, 15000, "the close in the editor's feed");
    // Both notifications copies have consumed everything published so far; still one notice.
    await waitFor(
      async () =>
        (
          await db.query(
            `select 1 from notifications.inbox_entry where event_id = $1 and consumer = 'notifications-polls'`,
            [closed.rows[0].id],
          )
        ).rowCount === 1,
      15000,
      'the poll.closed event handled',
    );
    expect(await editorFeed()).toHaveLength(1);

    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    // Nor did either gateway give anyone else a 5xx. (Readiness said 503 while the services were
    // still starting, as it should.)
    for (const url of suite.gatewayOpsUrls) {
      const fives = (await scrape(url)).filter(
        (sample) =>
          sample.name === 'http_request_duration_seconds_count' &&
          sample.labels.status.startsWith('5') &&
          !sample.labels.route.startsWith('/health/'),
      );
      expect(fives).toEqual([]);
    }
  });

  it('spreads the work over both copies of every service', async () => {
    const shares: Record<string, number[]> = {};
    for (const service of SERVICE_NAMES) {
      const handled = await Promise.all(
        copies
          .filter((copy) => copy.service === service)
          .map(async (copy) => rpcsHandled(await scrape(copy.opsUrl))),
      );
      shares[service] = handled;
    }
    // Logged so that a failure shows the whole split.
    process.stdout.write(`requests handled per copy: ${JSON.stringify(shares)}\n`);
    for (const [service, handled] of Object.entries(shares)) {
      const total = handled[0] + handled[1];
      expect({ service, total: total > 0 }).toEqual({ service, total: true });
      for (const count of handled)
        expect({ service, share: count / total >= LEAST_SHARE }).toEqual({ service, share: true });
    }

    // Events too: the notifications copies share the comments', submissions' and polls' events.
    const events = await Promise.all(
      copies
        .filter((copy) => copy.service === 'notifications')
        .map(async (copy) =>
          sumOf(await scrape(copy.opsUrl), 'events_handled_total', { outcome: 'handled' }),
        ),
    );
    process.stdout.write(`events handled per notifications copy: ${JSON.stringify(events)}\n`);
    const total = events[0] + events[1];
    expect(total).toBeGreaterThanOrEqual(COMMENTS + SUBMISSIONS);
    for (const count of events) expect(count / total).toBeGreaterThanOrEqual(LEAST_SHARE);
  });

  it("reports on every app's /metrics an outbox that drained and no dead letters", async () => {
    const urls = [...suite.gatewayOpsUrls, ...copies.map((copy) => copy.opsUrl)];
    await waitFor(
      async () => {
        const all = await Promise.all(urls.map(scrape));
        return all.every(
          (samples) =>
            samples.some((sample) => sample.name === 'outbox_unpublished_events') &&
            sumOf(samples, 'outbox_unpublished_events') === 0 &&
            sumOf(samples, 'outbox_oldest_unpublished_age_seconds') === 0,
        );
      },
      10000,
      'every outbox published',
    );
    for (const copy of copies.filter((each) => each.service === 'notifications')) {
      const samples = await scrape(copy.opsUrl);
      const consumers = samples.filter((sample) => sample.name === 'dead_letters');
      expect(consumers.map((sample) => sample.labels.consumer)).toEqual(
        expect.arrayContaining([
          'notifications-comments',
          'notifications-polls',
          'notifications-submissions',
        ]),
      );
      expect(consumers.every((sample) => sample.value === 0)).toBe(true);
    }
  });

  it("shows a vote or a comment made through one gateway in the other's cached reads within a second", async () => {
    const poll = await createPoll(7);
    const article = `fresh-${randomUUID().slice(0, 8)}`;
    const seenAfterMs: { vote: number[]; comment: number[] } = { vote: [], comment: [] };
    for (let round = 0; round < 6; round++) {
      const writer = gateway(round);
      const reader = gateway(round + 1);

      // The reader's gateway has the poll and the comment page cached before the change.
      const before = (await reader.get<PollView>(`/api/v1/polls/${poll.id}`)).body.totalVotes;
      await reader.get<CommentList>(`/api/v1/articles/${article}/comments`);
      await reader.get(`/api/v1/comments/counts?articleIds=${article}`);

      const voted = await writer.post(
        `/api/v1/polls/${poll.id}/votes`,
        { optionIds: [poll.options[0].id] },
        { readerToken: await writer.readerToken() },
      );
      expectStatus('vote', voted, 201);
      seenAfterMs.vote.push(
        await visibleWithin(
          FRESH_WITHIN_MS,
          async () =>
            (await reader.get<PollView>(`/api/v1/polls/${poll.id}`)).body.totalVotes === before! + 1,
          `the vote of round ${round} on the other gateway`,
        ),
      );

      const posted = await writer.post<{ comment: { id: string } }>(
        `/api/v1/articles/${article}/comments`,
        { authorName: 'Читатель', body: `Свежее мнение ${round}` },
        { readerToken: await writer.readerToken() },
      );
      expectStatus('comment', posted, 201);
      seenAfterMs.comment.push(
        await visibleWithin(
          FRESH_WITHIN_MS,
          async () => {
            const page = (await reader.get<CommentList>(`/api/v1/articles/${article}/comments`)).body;
            const counts = (
              await reader.get<{ counts: Record<string, number> }>(
                `/api/v1/comments/counts?articleIds=${article}`,
              )
            ).body.counts;
            return (
              page.items.some((item) => item.id === posted.body.comment.id) && counts[article] === round + 1
            );
          },
          `the comment of round ${round} on the other gateway`,
        ),
      );
    }
    process.stdout.write(`seen on the other gateway after (ms): ${JSON.stringify(seenAfterMs)}\n`);
  });
});
