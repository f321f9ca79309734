import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { HttpClient } from '@test/support/http-client';
import { Suite, SUITE_ADMIN } from '@test/support/suite';
import { waitFor } from '@test/support/wait-for';

interface Counts {
  pending: number;
  flagged: number;
  rejected: number;
}

/** A Server-Sent Events stream read as it arrives: its `counts` events, in order. */
function listen(url: string, token: string) {
  const counts: Counts[] = [];
  let status = 0;
  let body = '';
  const req = request(
    url,
    { headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` } },
    (res) => {
      status = res.statusCode ?? 0;
      let buffer = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
        buffer += chunk.toString('utf8');
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) {
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event === 'counts' && data) counts.push(JSON.parse(data) as Counts);
        }
      });
    },
  );
  req.on('error', () => undefined);
  req.end();
  return { counts, status: () => status, body: () => body, stop: () => req.destroy() };
}

describe('moderation queue counts through the gateway', () => {
  let suite: Suite;
  let http: HttpClient;
  let moderator: string;
  const article = `counted-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    suite = await Suite.start({
      services: ['comments'],
      serviceEnv: { COMMENTS_PER_ADDRESS_PER_WINDOW: '0', COMMENT_SETTINGS_TTL_MS: '0' },
    });
    http = new HttpClient(suite.baseUrl);
    const admin = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
    const login = { email: 'counts@comments.test', password: 'moderator-password-123' };
    const created = await http.post(
      '/api/v1/admin/staff',
      { ...login, roles: ['moderator'] },
      { token: admin },
    );
    expect(created.status).toBe(201);
    moderator = await http.login(login.email, login.password);
  });
  afterAll(() => suite?.stop());

  const counts = async () => {
    const answer = await http.get<Counts>('/api/v1/moderation/comments/counts', { token: moderator });
    expect(answer.status).toBe(200);
    return answer.body;
  };

  async function post(body: string): Promise<{ id: string; status: string }> {
    const answer = await http.post<{ comment: { id: string }; status: string }>(
      `/api/v1/articles/${article}/comments`,
      { body, authorName: 'Нурлан' },
      { readerToken: await http.readerToken() },
    );
    expect(answer.status).toBe(201);
    return { id: answer.body.comment.id, status: answer.body.status };
  }

  it('counts each queue as its list filters it', async () => {
    const before = await counts();
    const held = await http.call(`/api/v1/articles/${article}/comment-settings`, {
      method: 'PUT',
      body: { mode: 'pre' },
      token: moderator,
    });
    expect(held.status).toBe(200);
    const first = await post('Первый на премодерации');
    const second = await post('Второй на премодерации');
    expect([first.status, second.status]).toEqual(['pending', 'pending']);
    expect(await counts()).toEqual({ ...before, pending: before.pending + 2 });

    const rejected = await http.post(
      `/api/v1/moderation/comments/${second.id}/decision`,
      { action: 'reject', reason: 'Не по теме' },
      { token: moderator },
    );
    expect(rejected.status).toBe(200);
    expect(await counts()).toEqual({
      ...before,
      pending: before.pending + 1,
      rejected: before.rejected + 1,
    });
    const pendingList = await http.get<{ items: unknown[] }>(
      '/api/v1/moderation/comments?queue=pending&limit=100',
      {
        token: moderator,
      },
    );
    expect(pendingList.body.items).toHaveLength(before.pending + 1);
  });

  it('streams the counts at once, and again when a held comment arrives, without being asked', async () => {
    const stream = listen(`${suite.baseUrl}/api/v1/moderation/comments/stream`, moderator);
    try {
      await waitFor(() => stream.counts.length >= 1, 10000, 'the first counts event');
      expect(stream.status()).toBe(200);
      const first = stream.counts[0];
      expect(first).toEqual(await counts());

      await post('Третий на премодерации');
      await waitFor(
        () => stream.counts.at(-1)?.pending === first.pending + 1,
        10000,
        'the raised pending count on the stream',
      );

      // A flag below the threshold moves nothing readers see, and still raises the flagged count.
      const open = `open-${randomBytes(4).toString('hex')}`;
      const published = await http.post<{ comment: { id: string } }>(
        `/api/v1/articles/${open}/comments`,
        { body: 'Опубликован сразу', authorName: 'Гуля' },
        { readerToken: await http.readerToken() },
      );
      expect(published.status).toBe(201);
      const flag = await http.post(
        `/api/v1/comments/${published.body.comment.id}/flags`,
        { reason: 'spam' },
        { readerToken: await http.readerToken() },
      );
      expect(flag.status).toBe(202);
      await waitFor(
        () => stream.counts.at(-1)?.flagged === first.flagged + 1,
        10000,
        'the raised flagged count on the stream',
      );
      // Only changes are pushed: no two events in a row say the same.
      for (let i = 1; i < stream.counts.length; i += 1) {
        expect(stream.counts[i]).not.toEqual(stream.counts[i - 1]);
      }
    } finally {
      stream.stop();
    }
  });

  it('refuses readers and the signed-out with a problem, on both routes', async () => {
    const readerToken = await http.readerToken();
    for (const path of ['/api/v1/moderation/comments/counts', '/api/v1/moderation/comments/stream']) {
      const signedOut = await http.get(path);
      expect(signedOut.status).toBe(401);
      expect(signedOut.headers.get('content-type')).toContain('application/problem+json');
      const reader = await http.get(path, { readerToken });
      expect([401, 403]).toContain(reader.status);
      expect(reader.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('documents both routes for moderators in the OpenAPI document', async () => {
    const docs = await http.get<{ paths: Record<string, Record<string, Record<string, unknown>>> }>(
      '/api/docs-json',
    );
    for (const path of ['/api/v1/moderation/comments/counts', '/api/v1/moderation/comments/stream']) {
      expect(docs.body.paths[path]?.get?.['x-required-role']).toBe('moderator');
    }
  });
});
