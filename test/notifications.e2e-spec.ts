import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { Client } from 'pg';
import { HttpClient } from '@test/support/http-client';
import { Suite, SUITE_ADMIN } from '@test/support/suite';
import { waitFor } from '@test/support/wait-for';
import { SmtpListener } from '@test/support/smtp-listener';

interface SseEvent {
  event: string;
  data: any;
}

function listen(url: string, token: string) {
  const events: SseEvent[] = [];
  let status = 0;
  const req = request(
    url,
    { headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` } },
    (res) => {
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
    },
  );
  req.on('error', () => undefined);
  req.end();
  return { events, status: () => status, stop: () => req.destroy() };
}

describe('notifications through the gateway', () => {
  const smtp = new SmtpListener();
  let suite: Suite;
  let http: HttpClient;
  let admin: string;
  let moderator: string;
  const run = randomBytes(3).toString('hex');

  beforeAll(async () => {
    await smtp.start();
    suite = await Suite.start({
      services: ['comments', 'notifications'],
      serviceEnv: {
        SMTP_URL: smtp.url,
        UNSUBSCRIBE_SECRET: 'Qm4tR8vZ2xK7pW1nY6cB9dF3hJ5sL0aE',
        PUBLIC_BASE_URL: 'https://engage.test',
        DELIVERY_POLL_MS: '50',
      },
    });
    http = new HttpClient(suite.baseUrl);
    admin = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
    const email = `moderator-${run}@newsroom.test`;
    const created = await http.post(
      '/api/v1/admin/staff',
      { email, password: 'a-long-moderator-password', roles: ['moderator'] },
      { token: admin },
    );
    expect(created.status).toBe(201);
    moderator = await http.login(email, 'a-long-moderator-password');
  });
  afterAll(async () => {
    await suite?.stop();
    await smtp.stop();
  });

  const postComment = async (articleId: string, body: Record<string, unknown>) => {
    const answer = await http.post(
      `/api/v1/articles/${articleId}/comments`,
      { authorName: 'Reader', ...body },
      { readerToken: await http.readerToken() },
    );
    expect(answer.status).toBe(201);
    return answer.body as { comment: { id: string }; status: string };
  };

  it("streams a held comment to a moderator's feed, counts it unread, and marks it read", async () => {
    const stream = listen(`${suite.baseUrl}/api/v1/me/notifications/stream`, moderator);
    try {
      await waitFor(() => stream.events.length >= 1, 10000, 'the first unread event');
      expect(stream.status()).toBe(200);
      expect(stream.events[0]).toEqual({ event: 'unread', data: { unread: 0 } });
      const articleId = `held-${run}`;
      const settings = await http.call(`/api/v1/articles/${articleId}/comment-settings`, {
        method: 'PUT',
        body: { mode: 'pre' },
        token: moderator,
      });
      expect(settings.status).toBe(200);
      expect((await postComment(articleId, { body: 'Ждёт проверки' })).status).toBe('pending');
      await waitFor(
        () => stream.events.some((event) => event.event === 'unread' && event.data.unread === 1),
        15000,
        'the new entry on the stream',
      );
      expect(stream.events.find((event) => event.event === 'notification')?.data).toMatchObject({
        type: 'comment.held',
        title: 'Комментарий ждёт проверки',
      });

      const feed = await http.get('/api/v1/me/notifications?unread=true', { token: moderator });
      expect(feed.status).toBe(200);
      expect(feed.body.items).toHaveLength(1);
      expect((await http.get('/api/v1/me/notifications/unread-count', { token: moderator })).body).toEqual({
        unread: 1,
      });
      const read = await http.post('/api/v1/me/notifications/read', { all: true }, { token: moderator });
      expect(read.status).toBe(200);
      expect(read.body).toEqual({ marked: 1, unread: 0 });
      await waitFor(
        () => stream.events.filter((event) => event.event === 'unread').at(-1)?.data.unread === 0,
        5000,
        'the count back to zero on the stream',
      );
    } finally {
      stream.stop();
    }
  });

  it('emails a reply with a one-click link that unsubscribes without login, then sends no more', async () => {
    const articleId = `reply-${run}`;
    const email = `reader-${run}@readers.test`;
    const parent = await postComment(articleId, {
      body: 'Первый комментарий',
      authorEmail: email,
      notifyOnReply: true,
      articleTitle: 'Новости',
    });
    await postComment(articleId, { body: 'Ответ', parentId: parent.comment.id });
    await waitFor(() => smtp.to(email).length === 1, 15000, 'the reply email');
    const line = smtp.to(email)[0].headerLines.find((header) => header.key === 'list-unsubscribe')!.line;
    const link = new URL(/<([^>]+)>/.exec(line)![1]);
    expect(link.origin).toBe('https://engage.test');

    const page = await http.get(`${link.pathname}${link.search}`, { headers: { 'accept-language': 'en' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('<form method="post"');

    const oneClick = await http.call(`${link.pathname}${link.search}`, {
      method: 'POST',
      rawBody: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick.status).toBe(200);
    expect(oneClick.body).toEqual({ unsubscribed: true });

    await postComment(articleId, { body: 'Ещё ответ', parentId: parent.comment.id });
    // Every event of the article handled by the notifications service, the second reply included.
    const db = new Client({ connectionString: suite.database.url });
    await db.connect();
    try {
      await waitFor(
        async () => {
          const { rows } = await db.query<{ waiting: number }>(
            `select count(*)::int as waiting from comments.outbox_event o
              where o.payload->'data'->>'articleId' = $1
                and not exists (select 1 from notifications.inbox_entry i
                                 where i.event_id = o.id and i.consumer = 'notifications-comments')`,
            [articleId],
          );
          return rows[0].waiting === 0;
        },
        15000,
        'the second reply to be handled',
      );
    } finally {
      await db.end();
    }
    expect(smtp.to(email)).toHaveLength(1);
  });

  it('refuses bad input with problem documents naming the field, and checks roles', async () => {
    const bad = await http.post('/api/v1/me/notifications/read', { ids: ['x'] }, { token: moderator });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'ids' })]));
    expect((await http.get('/api/v1/me/notifications')).status).toBe(401);
    expect((await http.get('/api/v1/admin/deliveries', { token: moderator })).status).toBe(403);
    const forged = await http.post('/api/v1/unsubscribe?token=abc.def');
    expect(forged.status).toBe(400);
    expect(forged.body.errors).toEqual([expect.objectContaining({ field: 'token' })]);
    const missing = await http.get('/api/v1/unsubscribe');
    expect(missing.status).toBe(400);
    const elsewhere = await http.call('/api/v1/auth/login', {
      method: 'POST',
      rawBody: 'email=a',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(elsewhere.status).toBe(415);
    const preferences = await http.call('/api/v1/me/notification-preferences', {
      method: 'PUT',
      body: { items: [{ type: 'comment.held', inApp: true, email: 'yes', telegram: false }] },
      token: moderator,
    });
    expect(preferences.status).toBe(400);
    expect(preferences.body.errors).toEqual([expect.objectContaining({ field: 'items.0.email' })]);
    expect((await http.get('/api/v1/admin/deliveries?status=failed', { token: admin })).status).toBe(200);
  });
});
