import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { HttpClient } from '@test/support/http-client';
import { addressesOf, SmtpListener } from '@test/support/smtp-listener';
import { SERVICE_NAMES, Suite, SUITE_ADMIN, SuiteService } from '@test/support/suite';
import { createTestDatabase } from '@test/support/test-database';
import { waitFor } from '@test/support/wait-for';
import { sampleGif } from '../apps/reporter/src/testing/sample-files';
import { submissionForm } from '@test/support/submission-form';

/**
 * Work that time starts, with no request, on two copies of every service: each copy runs every job,
 * and what the jobs do must still happen once. Time is moved on in the database (a window that ended,
 * a decision made days ago, an event published hours ago), the way it would have passed; the jobs run
 * every second so that both copies meet on the same rows.
 */
const START_TIMEOUT_MS = 120000;
const WAIT_MS = 20000;
const HELD_COMMENTS = 3;
const DISCARDED_SUBMISSIONS = 4;
const DESK = '/api/v1/moderation/submissions';
const MODERATORS = ['first@moderators.test', 'second@moderators.test'];
const STAFF_PASSWORD = 'a-long-staff-password';
/** The scheduled jobs' loggers: none of them may warn in either copy. */
const JOB_CONTEXTS = ['DigestWorker', 'DeliveryWorker', 'Housekeeping', 'OutboxPurge', 'PollsScheduler'];

describe('scheduled work with two copies of every service runs once', () => {
  const smtp = new SmtpListener();
  let suite: Suite;
  let gateway: HttpClient;
  let db: Client;
  let admin: string;
  let moderator: string;
  /** Everyone told of held comments: the admin and the moderators, by email address and staff id. */
  const staff = new Map<string, string>();

  const count = async (sql: string, values: unknown[] = []): Promise<number> =>
    Number((await db.query<{ n: string }>(`select count(*) as n from (${sql}) counted`, values)).rows[0].n);

  /** Per copy of `service`, the sum of the numbers `pattern` takes from that copy's log lines. */
  const loggedPerCopy = (service: SuiteService, context: string, pattern: RegExp): number[] =>
    (suite.services.get(service) ?? []).map((copy) =>
      copy
        .jsonLines()
        .filter((line) => line.context === context)
        .map((line) => pattern.exec(String(line.msg)))
        .reduce((total, match) => total + (match ? Number(match[1]) : 0), 0),
    );
  const loggedTotal = (service: SuiteService, context: string, pattern: RegExp): number =>
    loggedPerCopy(service, context, pattern).reduce((total, each) => total + each, 0);

  /** `count` for each service's outbox, one query after another on the test's one connection. */
  const perOutbox = async (where: string): Promise<number[]> => {
    const counts: number[] = [];
    for (const service of SERVICE_NAMES)
      counts.push(await count(`select 1 from ${service}.outbox_event ${where}`));
    return counts;
  };

  beforeAll(async () => {
    await smtp.start();
    // Started here rather than by Suite.start: every start may take long while other tests load the machine.
    suite = new Suite({
      gatewayEnv: { NATS_REQUEST_TIMEOUT_MS: '10000', DATABASE_POOL_MAX: '4' },
      serviceEnv: {
        // Nine processes on one PostgreSQL (shared with other tests): their pools must fit its max_connections.
        DATABASE_POOL_MAX: '4',
        COMMENTS_PER_ADDRESS_PER_WINDOW: '0',
        SUBMISSIONS_PER_ADDRESS_PER_HOUR: '0',
        SMTP_URL: smtp.url,
        UNSUBSCRIBE_SECRET: 'Qm4tR8vZ2xK7pW1nY6cB9dF3hJ5sL0aE',
        PUBLIC_BASE_URL: 'https://engage.test',
        // A day's window: none closes by itself while the test runs (the test closes one).
        DIGEST_WINDOW_MINUTES: '1440',
        RETENTION_DAYS: '1',
        OUTBOX_RETENTION_HOURS: '1',
        REPORTER_SWEEP_INTERVAL_SECONDS: '1',
        OUTBOX_PURGE_INTERVAL_SECONDS: '1',
        POLL_SCHEDULER_INTERVAL_MS: '200',
      },
    });
    suite.database = await createTestDatabase('engage_suite');
    for (const wave of [0, 1]) {
      await Promise.all(SERVICE_NAMES.map((service) => suite.startService(service, {}, START_TIMEOUT_MS)));
      expect(SERVICE_NAMES.map((service) => suite.services.get(service)?.length)).toEqual(
        SERVICE_NAMES.map(() => wave + 1),
      );
    }
    suite.baseUrl = await suite.startGateway({}, START_TIMEOUT_MS);
    gateway = new HttpClient(suite.baseUrl);
    await suite.waitReady(suite.baseUrl, SERVICE_NAMES);

    db = new Client({ connectionString: suite.database.url });
    await db.connect();
    admin = await gateway.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
    staff.set(
      SUITE_ADMIN.email,
      (await gateway.get<{ id: string }>('/api/v1/auth/me', { token: admin })).body.id,
    );
    for (const email of MODERATORS) {
      const created = await gateway.post<{ id: string }>(
        '/api/v1/admin/staff',
        { email, password: STAFF_PASSWORD, roles: ['moderator'] },
        { token: admin },
      );
      expect(created.status).toBe(201);
      staff.set(email, created.body.id);
    }
    moderator = await gateway.login(MODERATORS[0], STAFF_PASSWORD);
    await waitFor(
      async () =>
        (await count('select 1 from notifications.recipient where staff_id = any($1::uuid[])', [
          [...staff.values()],
        ])) === staff.size,
      WAIT_MS,
      "the staff in the notifications' directory",
    );
  }, 400000);

  afterAll(async () => {
    await db?.end();
    await suite?.stop();
    await smtp.stop();
  });

  it("sends a closed window's digest of held comments once to each moderator, not once per copy", async () => {
    const article = `digest-${randomUUID().slice(0, 8)}`;
    const settings = await gateway.call(`/api/v1/articles/${article}/comment-settings`, {
      method: 'PUT',
      body: { mode: 'pre' },
      token: moderator,
    });
    expect(settings.status).toBe(200);
    for (let n = 0; n < HELD_COMMENTS; n++) {
      const posted = await gateway.post<{ status: string }>(
        `/api/v1/articles/${article}/comments`,
        { authorName: 'Читатель', body: `Ждёт проверки ${n}` },
        { readerToken: await gateway.readerToken() },
      );
      expect(posted.status).toBe(201);
      expect(posted.body.status).toBe('pending');
    }
    const waiting = `select 1 from notifications.digest_item
                      where channel = 'email' and summary::text like '%' || $1 || '%'`;
    await waitFor(
      async () => (await count(waiting, [article])) === HELD_COMMENTS * staff.size,
      WAIT_MS,
      'every held comment waiting for its digest',
    );
    // Held comments reach moderators in the feed at once, by email only in the digest.
    expect(smtp.received).toHaveLength(0);

    // The day's window ends for these items: both copies' digest workers find it closed together.
    await db.query(
      `update notifications.digest_item set window_start = window_start - interval '1 day'
        where summary::text like '%' || $1 || '%'`,
      [article],
    );
    const digests = `select id from notifications.delivery where event_type = 'moderation.digest'`;
    await waitFor(
      async () =>
        (await count(`${waiting} and delivery_id is null`, [article])) === 0 &&
        (await count(digests)) > 0 &&
        (await count(`${digests} and status <> 'sent'`)) === 0,
      WAIT_MS,
      'every digest made and sent',
    );
    await waitFor(() => smtp.received.length >= staff.size, WAIT_MS, 'the digests at the SMTP server');

    expect(smtp.received.flatMap(addressesOf).sort()).toEqual([...staff.keys()].sort());
    for (const email of staff.keys()) {
      const [digest] = smtp.to(email);
      expect(digest.subject).toBe(`Комментарии на проверке: ${HELD_COMMENTS}`);
      expect(digest.text?.split(article)).toHaveLength(HELD_COMMENTS + 1);
    }
    expect(await count(digests)).toBe(staff.size);
    // One attempt each: no copy sent a digest another had already sent.
    expect(
      await count(`select 1 from notifications.delivery_attempt where delivery_id in (${digests})`),
    ).toBe(staff.size);
  });

  it('deletes the submissions past retention with their files once, and keeps the rest', async () => {
    const submit = async (n: number): Promise<{ id: string; trackingCode: string }> => {
      const title = `Новость ${n} ${randomUUID().slice(0, 8)}`;
      const response = await fetch(`${gateway.baseUrl}/api/v1/submissions`, {
        method: 'POST',
        body: submissionForm(title, [{ bytes: sampleGif(), type: 'image/gif', name: 'photo.gif' }]),
      });
      expect(response.status).toBe(201);
      const { trackingCode } = (await response.json()) as { trackingCode: string };
      const desk = await gateway.get<{ items: { id: string; title: string }[] }>(`${DESK}?limit=100`, {
        token: moderator,
      });
      const item = desk.body.items.find((candidate) => candidate.title === title);
      if (!item) throw new Error(`submission "${title}" is not on the desk`);
      return { id: item.id, trackingCode };
    };
    const decide = async (id: string, to: string): Promise<void> => {
      const answer = await gateway.post(`${DESK}/${id}/transition`, { to }, { token: moderator });
      expect(answer.status).toBe(200);
    };

    const discarded = [];
    for (let n = 0; n < DISCARDED_SUBMISSIONS; n++) {
      const submission = await submit(n);
      await decide(submission.id, n % 2 === 0 ? 'rejected' : 'spam');
      discarded.push(submission);
    }
    const rejectedToday = await submit(DISCARDED_SUBMISSIONS);
    await decide(rejectedToday.id, 'rejected');
    const inReview = await submit(DISCARDED_SUBMISSIONS + 1);
    await decide(inReview.id, 'in_review');
    const ids = discarded.map((submission) => submission.id);
    const kept = [rejectedToday.id, inReview.id];
    const filesOf = `select 1 from reporter.attachment_chunk c join reporter.attachment a on a.id = c.attachment_id
                      where a.submission_id = any($1::uuid[])`;
    expect(await count(filesOf, [ids])).toBeGreaterThanOrEqual(DISCARDED_SUBMISSIONS);

    // Two days pass since the decisions (RETENTION_DAYS is 1); the other two stay within retention or open.
    await db.query(
      `update reporter.submission set decided_at = decided_at - interval '2 days', received_at = received_at - interval '2 days'
        where id = any($1::uuid[])`,
      [[...ids, inReview.id]],
    );
    const left = (sql: string) => count(sql, [ids]);
    await waitFor(
      async () =>
        (await left('select 1 from reporter.submission where id = any($1::uuid[])')) === 0 &&
        loggedTotal('reporter', 'Housekeeping', /deleted (\d+) submissions past retention/) >=
          DISCARDED_SUBMISSIONS,
      WAIT_MS,
      'the submissions past retention deleted',
    );
    for (const table of ['attachment', 'transition', 'message', 'note', 'idempotency_record']) {
      expect({
        table,
        left: await left(`select 1 from reporter.${table} where submission_id = any($1::uuid[])`),
      }).toEqual({ table, left: 0 });
    }
    expect(await left(filesOf)).toBe(0);
    for (const { id, trackingCode } of discarded) {
      expect((await gateway.get(`${DESK}/${id}`, { token: moderator })).status).toBe(404);
      expect((await gateway.get(`/api/v1/submissions/track/${trackingCode}`)).status).toBe(404);
    }
    const perCopy = loggedPerCopy('reporter', 'Housekeeping', /deleted (\d+) submissions past retention/);
    process.stdout.write(`submissions deleted per reporter copy: ${JSON.stringify(perCopy)}\n`);
    // Each deletion counted by the one copy that made it.
    expect(loggedTotal('reporter', 'Housekeeping', /deleted (\d+) submissions past retention/)).toBe(
      DISCARDED_SUBMISSIONS,
    );
    for (const id of kept) {
      const detail = await gateway.get<{ attachments: unknown[] }>(`${DESK}/${id}`, { token: moderator });
      expect(detail.status).toBe(200);
      expect(detail.body.attachments).toHaveLength(1);
    }
  });

  it('deletes published outbox rows past retention once, in every service', async () => {
    await waitFor(
      async () => (await perOutbox('where published_at is null')).every((unpublished) => unpublished === 0),
      WAIT_MS,
      'every outbox published',
    );
    // Two hours pass since they were published (OUTBOX_RETENTION_HOURS is 1).
    const aged = new Map<SuiteService, number>();
    for (const service of SERVICE_NAMES) {
      const { rowCount } = await db.query(
        `update ${service}.outbox_event set published_at = published_at - interval '2 hours'`,
      );
      aged.set(service, rowCount ?? 0);
    }
    expect(aged.get('comments')).toBeGreaterThanOrEqual(HELD_COMMENTS);
    expect(aged.get('reporter')).toBeGreaterThanOrEqual(DISCARDED_SUBMISSIONS);

    const deleted = /deleted (\d+) published outbox rows/;
    await waitFor(
      async () =>
        (await perOutbox(`where published_at < now() - interval '1 hour'`)).every((rows) => rows === 0) &&
        SERVICE_NAMES.every((service) => loggedTotal(service, 'OutboxPurge', deleted) >= aged.get(service)!),
      WAIT_MS,
      'the aged outbox rows deleted',
    );
    const perCopy = Object.fromEntries(
      SERVICE_NAMES.map((service) => [service, loggedPerCopy(service, 'OutboxPurge', deleted)]),
    );
    // Logged so that a run shows how the copies shared the rows.
    process.stdout.write(
      `aged outbox rows: ${JSON.stringify(Object.fromEntries(aged))}, deleted per copy: ${JSON.stringify(perCopy)}\n`,
    );
    expect(
      Object.fromEntries(
        SERVICE_NAMES.map((service) => [service, loggedTotal(service, 'OutboxPurge', deleted)]),
      ),
    ).toEqual(Object.fromEntries(aged));
  });

  it('leaves no error, and no warning of a scheduled job, in the log of either copy', () => {
    const lines = [...suite.services.entries()].flatMap(([service, copies]) =>
      copies.flatMap((copy, index) =>
        copy.jsonLines().map((line): Record<string, unknown> => ({ copy: `${service}#${index}`, ...line })),
      ),
    );
    const complaints = lines.filter(
      (line) =>
        line.level === 'error' ||
        line.level === 'fatal' ||
        (line.level === 'warn' && JOB_CONTEXTS.includes(String(line.context))),
    );
    expect(
      complaints.map((line) => `${String(line.copy)} ${String(line.context)}: ${String(line.msg)}`),
    ).toEqual([]);
    expect(lines.length).toBeGreaterThan(0);
  });
});
