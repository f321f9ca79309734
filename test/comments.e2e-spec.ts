import { randomUUID } from 'node:crypto';
import { connect, StoredMsg } from 'nats';
import { Client } from 'pg';
import { HttpClient } from '@test/support/http-client';
import { Suite, SUITE_ADMIN } from '@test/support/suite';
import { TEST_NATS_URL } from '@test/support/test-nats';
import { waitFor } from '@test/support/wait-for';

interface Comment {
  id: string;
  articleId: string;
  parentId: string | null;
  replyToId: string | null;
  depth: number;
  author: { name: string; isStaff: boolean };
  body: string;
  status: string;
  editedAt: string | null;
  reactions: { like: number };
  myReaction: string | null;
  featured: boolean;
  replies: Comment[];
  repliesCount: number;
}
interface CommentList {
  items: Comment[];
  nextCursor: string | null;
  total: number;
  closed: boolean;
}

describe('comments through the gateway', () => {
  let suite: Suite;
  let http: HttpClient;
  let admin: string;
  let moderator: string;

  beforeAll(async () => {
    suite = await Suite.start({
      services: ['comments'],
      // Every test posts from 127.0.0.1: the per-address limit has a test of its own, in its own namespace.
      // Settings are read afresh by every request, so a change applies to the next one.
      serviceEnv: { COMMENTS_PER_ADDRESS_PER_WINDOW: '0', COMMENT_SETTINGS_TTL_MS: '0' },
    });
    http = new HttpClient(suite.baseUrl);
    admin = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
    const created = await http.post(
      '/api/v1/admin/staff',
      { email: 'moderator@comments.test', password: 'moderator-password-123', roles: ['moderator'] },
      { token: admin },
    );
    expect(created.status).toBe(201);
    moderator = await http.login('moderator@comments.test', 'moderator-password-123');
  });
  afterAll(() => suite?.stop());

  const newArticle = () => `story-${randomUUID().slice(0, 8)}`;

  async function post(articleId: string, body: Record<string, unknown>, readerToken?: string) {
    return http.post<{ comment: Comment; status: string }>(
      `/api/v1/articles/${articleId}/comments`,
      { authorName: 'Иван', ...body },
      { readerToken: readerToken ?? (await http.readerToken()) },
    );
  }

  async function posted(articleId: string, body: Record<string, unknown>, readerToken?: string) {
    const answer = await post(articleId, body, readerToken);
    expect(answer.status).toBe(201);
    return answer.body.comment;
  }

  const list = (articleId: string, query = '', readerToken?: string) =>
    http.get<CommentList>(`/api/v1/articles/${articleId}/comments${query}`, { readerToken });

  const settings = (body: Record<string, unknown>) =>
    http.call('/api/v1/moderation/comment-settings', { method: 'PUT', body, token: moderator });

  async function currentSettings(): Promise<Record<string, unknown>> {
    const answer = await http.get('/api/v1/moderation/comment-settings', { token: moderator });
    expect(answer.status).toBe(200);
    return answer.body;
  }

  async function changeSettings(changes: Record<string, unknown>): Promise<() => Promise<void>> {
    const before = await currentSettings();
    const changed = await settings({ ...before, ...changes });
    expect(changed.status).toBe(200);
    return async () => void expect((await settings(before)).status).toBe(200);
  }

  it('lets a reader post and reply to depth 3, deeper replies showing under the depth-3 comment', async () => {
    const article = newArticle();
    const top = await posted(article, { body: 'Первый!' });
    expect(top).toMatchObject({ articleId: article, parentId: null, depth: 1, status: 'published' });
    const second = await posted(article, { body: 'Ответ', parentId: top.id });
    const third = await posted(article, { body: 'Ответ на ответ', parentId: second.id });
    const fourth = await posted(article, { body: 'Ещё глубже', parentId: third.id });
    expect(third.depth).toBe(3);
    expect(fourth).toMatchObject({ parentId: second.id, replyToId: third.id, depth: 3 });

    const page = await list(article);
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(4);
    expect(page.body.closed).toBe(false);
    expect(page.body.items.map((item) => item.id)).toEqual([top.id]);
    const [shown] = page.body.items;
    // repliesCount: the published replies stored under a comment (its direct children).
    expect(shown.repliesCount).toBe(1);
    expect(shown.replies.map((reply) => reply.id)).toEqual([second.id]);
    expect(shown.replies[0].repliesCount).toBe(2);
    expect(shown.replies[0].replies.map((reply) => reply.id)).toEqual([third.id, fourth.id]);
  });

  it('answers repeated anonymous reads of a first page and counts alike, and the change signal refreshes every gateway copy within a second', async () => {
    const article = newArticle();
    await posted(article, { body: 'Первое мнение' });
    // A copy that would keep its pages for ten minutes: only the comments service's signal refreshes them.
    const reading = new HttpClient(await suite.startGateway({ COMMENTS_CACHE_TTL_MS: '600000' }));
    const readingGateway = suite.gateways[suite.gateways.length - 1];
    const read = (query: string) => reading.get<CommentList>(`/api/v1/articles/${article}/comments${query}`);
    try {
      for (const sort of ['', '?sort=top', '?sort=oldest']) {
        const first = await read(sort);
        const again = await read(sort);
        expect(again.status).toBe(200);
        expect(again.text).toBe(first.text);
        expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
        expect(again.headers.get('x-request-id')).toBeTruthy();
      }
      const counts = async () =>
        (
          await reading.get<{ counts: Record<string, number> }>(
            `/api/v1/comments/counts?articleIds=${article},other`,
          )
        ).body.counts;
      expect(await counts()).toEqual({ [article]: 1, other: 0 });
      expect(await counts()).toEqual({ [article]: 1, other: 0 });
      expect((await posted(article, { body: 'Второе мнение' })).status).toBe('published');
      await waitFor(async () => (await counts())[article] === 2, 1000, 'the new count');
      for (const sort of ['', '?sort=top', '?sort=oldest']) {
        await waitFor(
          async () => (await read(sort)).body.total === 2,
          1000,
          `the new comment (${sort || 'newest'})`,
        );
      }
      expect((await read('')).body.items.map((item) => item.body)).toEqual([
        'Второе мнение',
        'Первое мнение',
      ]);
    } finally {
      await readingGateway.stop();
    }
  });

  it('documents every comments route in the OpenAPI document, with its problems and role', async () => {
    const docs = await http.get('/api/docs-json');
    const paths = docs.body.paths as Record<string, Record<string, { responses: Record<string, any> }>>;
    const routes: [string, string][] = [
      ['/api/v1/articles/{articleId}/comments', 'get'],
      ['/api/v1/articles/{articleId}/comments', 'post'],
      ['/api/v1/comments/counts', 'get'],
      ['/api/v1/comments/{id}', 'patch'],
      ['/api/v1/comments/{id}', 'delete'],
      ['/api/v1/comments/{id}/reaction', 'put'],
      ['/api/v1/comments/{id}/reaction', 'delete'],
      ['/api/v1/comments/{id}/flags', 'post'],
      ['/api/v1/moderation/comments', 'get'],
      ['/api/v1/moderation/comments/{id}/decision', 'post'],
      ['/api/v1/moderation/readers/{readerId}/ban', 'post'],
      ['/api/v1/moderation/readers/{readerId}/ban', 'delete'],
      ['/api/v1/moderation/comment-settings', 'get'],
      ['/api/v1/moderation/comment-settings', 'put'],
      ['/api/v1/articles/{articleId}/comment-settings', 'get'],
      ['/api/v1/articles/{articleId}/comment-settings', 'put'],
      ['/api/v1/admin/readers/{readerId}/erasure', 'post'],
    ];
    expect(routes.filter(([path, method]) => !paths[path]?.[method])).toEqual([]);
    const postComment = paths['/api/v1/articles/{articleId}/comments'].post;
    expect(Object.keys(postComment.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '409', '422', '429']),
    );
    expect(postComment.responses['429'].headers).toHaveProperty('Retry-After');
    const staffOnly = paths['/api/v1/moderation/comments'].get as unknown as { 'x-required-role': string };
    expect(staffOnly['x-required-role']).toBe('moderator');
    const erasure = paths['/api/v1/admin/readers/{readerId}/erasure'].post as unknown as {
      'x-required-role': string;
    };
    expect(erasure['x-required-role']).toBe('admin');
  });

  it('counts one like per reader, shows it only to that reader, and takes it back', async () => {
    const article = newArticle();
    const comment = await posted(article, { body: 'Нравится?' });
    const fan = await http.readerToken();
    const like = () =>
      http.call(`/api/v1/comments/${comment.id}/reaction`, {
        method: 'PUT',
        body: { type: 'like' },
        readerToken: fan,
      });
    expect((await like()).status).toBeLessThan(300);
    expect((await like()).status).toBeLessThan(300);
    await waitFor(
      async () => (await list(article, '', fan)).body.items[0]?.reactions.like === 1,
      2000,
      'the like',
    );
    expect((await list(article, '', fan)).body.items[0].myReaction).toBe('like');
    expect((await list(article)).body.items[0].myReaction).toBeNull();
    expect((await list(article, '', await http.readerToken())).body.items[0].myReaction).toBeNull();

    const undo = await http.call(`/api/v1/comments/${comment.id}/reaction`, {
      method: 'DELETE',
      readerToken: fan,
    });
    expect(undo.status).toBeLessThan(300);
    await waitFor(
      async () => (await list(article)).body.items[0]?.reactions.like === 0,
      2000,
      'the like taken back',
    );
    expect((await list(article, '', fan)).body.items[0].myReaction).toBeNull();
  });

  it('lets the author edit within the edit window and refuses the edit after it', async () => {
    const article = newArticle();
    const author = await http.readerToken();
    const comment = await posted(article, { body: 'Опечатка' }, author);
    const edit = (body: string, readerToken: string) =>
      http.call<Comment>(`/api/v1/comments/${comment.id}`, { method: 'PATCH', body: { body }, readerToken });

    expect((await edit('Чужая правка', await http.readerToken())).status).toBe(403);
    const edited = await edit('Без опечатки', author);
    expect(edited.status).toBe(200);
    expect(edited.body.body).toBe('Без опечатки');
    expect(edited.body.editedAt).not.toBeNull();
    expect((await list(article)).body.items[0].body).toBe('Без опечатки');

    const restore = await changeSettings({ editWindowMinutes: 0 });
    try {
      const late = await edit('Слишком поздно', author);
      expect([403, 409, 422]).toContain(late.status);
      expect((await list(article)).body.items[0].body).toBe('Без опечатки');
    } finally {
      await restore();
    }
  });

  it("lets a reader delete their own comment, not another's; a deleted comment with replies stays as a tombstone", async () => {
    const article = newArticle();
    const author = await http.readerToken();
    const lonely = await posted(article, { body: 'Удалю' }, author);
    const answered = await posted(article, { body: 'С ответом' }, author);
    await posted(article, { body: 'Ответ', parentId: answered.id });

    const remove = (id: string, readerToken: string) =>
      http.call(`/api/v1/comments/${id}`, { method: 'DELETE', readerToken });
    expect((await remove(lonely.id, await http.readerToken())).status).toBe(403);
    expect((await remove(lonely.id, author)).status).toBe(204);
    expect((await remove(answered.id, author)).status).toBe(204);

    const page = await list(article);
    expect(page.body.total).toBe(1);
    expect(page.body.items.map((item) => [item.id, item.status, item.body])).toEqual([
      [answered.id, 'deleted', ''],
    ]);
    expect(page.body.items[0].replies).toHaveLength(1);
  });

  it('takes a comment out of public view once flagThreshold readers flag it, until a moderator approves it', async () => {
    const restore = await changeSettings({ flagThreshold: 2 });
    try {
      const article = newArticle();
      const comment = await posted(article, { body: 'Спорное мнение' });
      const flag = (readerToken: string) =>
        http.post(
          `/api/v1/comments/${comment.id}/flags`,
          { reason: 'abuse', note: 'грубо' },
          { readerToken },
        );
      const first = await http.readerToken();
      expect((await flag(first)).status).toBe(202);
      expect((await flag(first)).status).toBe(409);
      expect((await list(article)).body.items.map((item) => item.id)).toEqual([comment.id]);
      expect((await flag(await http.readerToken())).status).toBe(202);
      await waitFor(
        async () => (await list(article)).body.items.length === 0,
        2000,
        'the comment to leave view',
      );
      expect((await list(article)).body.total).toBe(0);

      const queue = await http.get('/api/v1/moderation/comments?queue=flagged', { token: moderator });
      expect(queue.status).toBe(200);
      const queued = queue.body.items.find((item: { id: string }) => item.id === comment.id);
      expect(queued.flags).toHaveLength(2);

      const decision = await http.post(
        `/api/v1/moderation/comments/${comment.id}/decision`,
        { action: 'approve', reason: 'в рамках правил' },
        { token: moderator },
      );
      expect(decision.status).toBe(200);
      await waitFor(
        async () => (await list(article)).body.items.length === 1,
        2000,
        'the comment back in view',
      );
    } finally {
      await restore();
    }
  });

  it('counts published comments of many articles in one call, 0 for unknown ones, and refuses more than 100 ids', async () => {
    const articles = [newArticle(), newArticle(), newArticle()];
    await posted(articles[0], { body: 'раз' });
    await posted(articles[0], { body: 'два' });
    await posted(articles[1], { body: 'три' });
    const counts = await http.get(`/api/v1/comments/counts?articleIds=${articles.join(',')}`);
    expect(counts.status).toBe(200);
    expect(counts.body).toEqual({ counts: { [articles[0]]: 2, [articles[1]]: 1, [articles[2]]: 0 } });

    const hundred = Array.from({ length: 100 }, (_, index) => `a${index}`);
    expect((await http.get(`/api/v1/comments/counts?articleIds=${hundred.join(',')}`)).status).toBe(200);
    const tooMany = await http.get(`/api/v1/comments/counts?articleIds=${[...hundred, 'a100'].join(',')}`);
    expect(tooMany.status).toBe(400);
  });

  it('holds comments of a pre-moderated article from other readers until a moderator approves them, with the decision kept', async () => {
    const article = newArticle();
    const mode = await http.call(`/api/v1/articles/${article}/comment-settings`, {
      method: 'PUT',
      body: { mode: 'pre' },
      token: moderator,
    });
    expect(mode.status).toBe(200);
    const author = await http.readerToken();
    const held = await post(article, { body: 'Жду проверки', authorEmail: 'ivan@example.org' }, author);
    expect(held.status).toBe(201);
    expect(held.body.status).toBe('pending');
    const otherReader = await http.readerToken();
    expect((await list(article, '', otherReader)).body).toMatchObject({ items: [], total: 0 });
    expect((await list(article)).body.items).toEqual([]);

    const queue = await http.get('/api/v1/moderation/comments?queue=pending', { token: moderator });
    const queued = queue.body.items.find((item: { id: string }) => item.id === held.body.comment.id);
    expect(queued).toMatchObject({ status: 'pending', authorEmail: 'ivan@example.org' });
    expect(typeof queued.readerId).toBe('string');
    expect(queued.holdReasons).toContain('pre_moderation');

    const approved = await http.post(
      `/api/v1/moderation/comments/${held.body.comment.id}/decision`,
      { action: 'approve', reason: 'ok' },
      { token: moderator },
    );
    expect(approved.status).toBe(200);
    expect(approved.body.decisions).toEqual([
      expect.objectContaining({ action: 'approve', reason: 'ok', moderatorId: expect.any(String) }),
    ]);
    await waitFor(
      async () => (await list(article, '', otherReader)).body.total === 1,
      2000,
      'the approved comment',
    );
  });

  it('refuses new comments of a banned reader with 422 until the ban is lifted', async () => {
    const article = newArticle();
    const reader = await http.readerToken();
    await posted(article, { body: 'до бана' }, reader);
    const queue = await http.get('/api/v1/moderation/comments?queue=all', { token: moderator });
    const readerId = queue.body.items.find(
      (item: { articleId: string }) => item.articleId === article,
    ).readerId;

    const ban = await http.post(
      `/api/v1/moderation/readers/${readerId}/ban`,
      { reason: 'спам' },
      { token: moderator },
    );
    expect(ban.status).toBeLessThan(300);
    const refused = await post(article, { body: 'после бана' }, reader);
    expect(refused.status).toBe(422);
    const lifted = await http.call(`/api/v1/moderation/readers/${readerId}/ban`, {
      method: 'DELETE',
      token: moderator,
    });
    expect(lifted.status).toBeLessThan(300);
    expect((await post(article, { body: 'после снятия бана' }, reader)).status).toBe(201);
  });

  it('reads and changes the site settings, refusing invalid ones with every field named', async () => {
    const before = await currentSettings();
    expect(before).toEqual(
      expect.objectContaining({
        mode: expect.any(String),
        maxLinks: expect.any(Number),
        flagThreshold: expect.any(Number),
      }),
    );
    const invalid = await settings({ ...before, mode: 'sometimes', maxLinks: -1 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'maxLinks',
      'mode',
    ]);
    expect(await currentSettings()).toEqual(before);
  });

  it('refuses comments on a closed article with 422 and shows it closed', async () => {
    const article = newArticle();
    await posted(article, { body: 'успел' });
    const closed = await http.call(`/api/v1/articles/${article}/comment-settings`, {
      method: 'PUT',
      body: { closed: true },
      token: moderator,
    });
    expect(closed.status).toBe(200);
    const late = await post(article, { body: 'не успел' });
    expect(late.status).toBe(422);
    const page = await list(article);
    expect(page.body).toMatchObject({ closed: true, total: 1 });
  });

  it('answers 401 without a staff token and 403 for a role too low on every staff route', async () => {
    const article = newArticle();
    const comment = await posted(article, { body: 'для модерации' });
    const reader = await http.readerToken();
    const routes: { method: string; path: string; body?: unknown; role: 'moderator' | 'admin' }[] = [
      { method: 'GET', path: '/api/v1/moderation/comments?queue=all', role: 'moderator' },
      {
        method: 'POST',
        path: `/api/v1/moderation/comments/${comment.id}/decision`,
        body: { action: 'feature' },
        role: 'moderator',
      },
      {
        method: 'POST',
        path: '/api/v1/moderation/readers/some-reader/ban',
        body: { reason: 'x' },
        role: 'moderator',
      },
      { method: 'DELETE', path: '/api/v1/moderation/readers/some-reader/ban', role: 'moderator' },
      { method: 'GET', path: '/api/v1/moderation/comment-settings', role: 'moderator' },
      { method: 'PUT', path: '/api/v1/moderation/comment-settings', body: {}, role: 'moderator' },
      {
        method: 'PUT',
        path: `/api/v1/articles/${article}/comment-settings`,
        body: { closed: true },
        role: 'moderator',
      },
    ];
    for (const route of routes) {
      const anonymous = await http.call(route.path, { method: route.method, body: route.body });
      expect([route.path, anonymous.status]).toEqual([route.path, 401]);
      const asReader = await http.call(route.path, {
        method: route.method,
        body: route.body,
        readerToken: reader,
      });
      expect([route.path, asReader.status]).toEqual([route.path, 401]);
    }
    // Nothing changed: the comment is still there and the article open.
    expect((await list(article)).body).toMatchObject({ total: 1, closed: false });

    // Erasing a reader is an administrator's: a moderator gets 403, and so do lower roles.
    const erasure = '/api/v1/admin/readers/some-reader/erasure';
    expect((await http.post(erasure, undefined)).status).toBe(401);
    expect((await http.post(erasure, undefined, { readerToken: reader })).status).toBe(401);
    expect((await http.post(erasure, undefined, { token: moderator })).status).toBe(403);
    expect((await http.post(erasure, undefined, { token: admin })).status).toBe(200);
  });

  it("erases everything a reader wrote on an administrator's request, keeping the counts right", async () => {
    const article = newArticle();
    const reader = await http.readerToken();
    const answered = await posted(article, { body: 'Моё мнение', authorEmail: 'me@example.org' }, reader);
    await posted(article, { body: 'Ещё одно' }, reader);
    await posted(article, { body: 'Ответ другого', parentId: answered.id });
    const queue = await http.get('/api/v1/moderation/comments?queue=all&limit=100', { token: moderator });
    const readerId = queue.body.items.find((item: { id: string }) => item.id === answered.id).readerId;

    const erased = await http.post(`/api/v1/admin/readers/${readerId}/erasure`, undefined, { token: admin });
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({ readerId, commentsErased: 2 });
    await waitFor(async () => (await list(article)).body.total === 1, 2000, 'the erased comments to leave');
    const [tombstone] = (await list(article)).body.items;
    expect(tombstone).toMatchObject({ id: answered.id, status: 'deleted', body: '' });
    expect(tombstone.author.name).toBe('');
    const after = await http.get('/api/v1/moderation/comments?queue=all&limit=100', { token: moderator });
    const mine = after.body.items.filter((item: { readerId: string | null }) => item.readerId === readerId);
    expect(mine.map((item: { authorEmail: string | null }) => item.authorEmail)).not.toContain(
      'me@example.org',
    );
  });

  it('stores hostile bodies as written and returns them verbatim as JSON strings, bidi overrides removed', async () => {
    const article = newArticle();
    const hostile = [
      '<script>alert("x")</script>',
      '<img src=x onerror="alert(1)">',
      '<a href="javascript:alert(1)">жми</a>',
      '"); DROP TABLE comments; --',
      '{{constructor.constructor("alert(1)")()}}',
    ];
    for (const body of hostile)
      expect((await posted(article, { body, authorName: '<b>Злодей</b>' })).body).toBe(body);
    const bidi = await posted(article, { body: 'abc\u202Edef\u2066x' });
    expect(bidi.body).toBe('abcdefx');

    const page = await http.get(`/api/v1/articles/${article}/comments?sort=oldest&limit=100`);
    expect(page.headers.get('content-type')).toMatch(/^application\/json/);
    expect(page.body.items.map((item: Comment) => item.body)).toEqual([...hostile, 'abcdefx']);
    expect(page.body.items[0].author.name).toBe('<b>Злодей</b>');
    // Plain JSON strings: the text is the client's to render as text, the API adds no markup or escapes.
    expect(JSON.parse(page.text).items[0].body).toBe(hostile[0]);
  });

  it('refuses bad input with 400 naming the fields, and changes nothing', async () => {
    const article = newArticle();
    const reader = await http.readerToken();
    const empty = await post(article, { body: '   ', authorName: '' }, reader);
    expect(empty.status).toBe(400);
    const problem = empty.body as unknown as { errors: { field: string }[] };
    expect(problem.errors.map((error) => error.field).sort()).toEqual(['authorName', 'body']);
    expect((await post(article, { body: 'x'.repeat(5001) }, reader)).status).toBe(400);
    expect((await post(article, { body: 'x'.repeat(5000) }, reader)).status).toBe(201);
    expect((await http.get('/api/v1/articles/bad%20id/comments')).status).toBe(400);
    expect((await list(article, '?limit=101')).status).toBe(400);
    expect((await list(article, '?sort=random')).status).toBe(400);
    expect((await list(article, '?cursor=forged')).status).toBe(400);
    expect((await list(article)).body.total).toBe(1);
  });

  it('answers each post of a burst on its own, refusals included, when the gateway sends them to the service together', async () => {
    // A gateway copy that waits long enough for the whole burst to share one message to the service.
    const batching = new HttpClient(await suite.startGateway({ COMMENT_POST_FORWARD_DELAY_MS: '100' }));
    const gateway = suite.gateways[suite.gateways.length - 1];
    const ops = new HttpClient(suite.gatewayOpsUrls[suite.gatewayOpsUrls.length - 1]);
    try {
      const article = newArticle();
      const readers = await Promise.all(Array.from({ length: 6 }, () => http.readerToken()));
      const twice = await http.readerToken();
      const postAs = (readerToken: string, body: Record<string, unknown>) =>
        batching.post<{ comment: Comment; status: string; code?: string }>(
          `/api/v1/articles/${article}/comments`,
          body,
          { readerToken },
        );
      const answers = await Promise.all([
        ...readers.map((reader, index) => postAs(reader, { authorName: 'Иван', body: `мнение ${index}` })),
        postAs(twice, { authorName: 'Пётр', body: 'одно и то же' }),
        postAs(twice, { authorName: 'Пётр', body: 'одно и то же' }),
        postAs(await http.readerToken(), { authorName: 'Анна', body: 'ответ', parentId: randomUUID() }),
        postAs(await http.readerToken(), { body: 'без имени' }),
      ]);

      const statuses = answers.map((answer) => answer.status);
      expect(statuses.slice(0, 6)).toEqual([201, 201, 201, 201, 201, 201]);
      expect(answers.slice(0, 6).map((answer) => answer.body.comment.body)).toEqual(
        readers.map((_, index) => `мнение ${index}`),
      );
      expect(statuses.slice(6, 8).sort()).toEqual([201, 409]);
      expect(answers.slice(6, 8).find((answer) => answer.status === 409)?.body.code).toBe(
        'comment_duplicate',
      );
      expect(statuses[8]).toBe(422);
      expect(answers[8].body.code).toBe('comment_parent_invalid');
      expect(statuses[9]).toBe(422);
      expect(answers[9].body.code).toBe('comment_author_name_required');
      expect((await list(article)).body.total).toBe(7);

      // The burst went to the service in fewer messages than posts.
      const metrics = (await ops.get('/metrics')).text;
      const sent =
        /nats_request_duration_seconds_count\{[^}]*subject="comments\.comment\.post_many"[^}]*\} (\d+)/.exec(
          metrics,
        );
      expect(Number(sent?.[1])).toBeGreaterThanOrEqual(1);
      expect(Number(sent?.[1])).toBeLessThan(answers.length);
    } finally {
      await gateway.stop();
    }
  });

  it('limits comments per reader and per address exactly at the configured edge, with 429 and Retry-After', async () => {
    // A comments copy and a gateway of their own (their own NATS namespace) with low limits, on the same database.
    const namespace = { NATS_PREFIX: `limited${Date.now()}` };
    const copy = await suite.startService('comments', {
      ...namespace,
      COMMENTS_PER_READER_PER_WINDOW: '3',
      COMMENTS_PER_ADDRESS_PER_WINDOW: '4',
      COMMENT_RATE_WINDOW_SECONDS: '3600',
    });
    const limited = new HttpClient(await suite.startGateway({ ...namespace, TRUST_PROXY: '127.0.0.1' }));
    const gateway = suite.gateways[suite.gateways.length - 1];
    try {
      const article = newArticle();
      const postFrom = async (address: string, readerToken: string, body: string) =>
        limited.post(
          `/api/v1/articles/${article}/comments`,
          { body, authorName: 'Ограниченный' },
          { readerToken, headers: { 'x-forwarded-for': address } },
        );

      const eager = await http.readerToken();
      const own = [];
      for (let index = 1; index <= 4; index += 1)
        own.push(await postFrom('192.0.2.1', eager, `мнение ${index}`));
      expect(own.map((answer) => answer.status)).toEqual([201, 201, 201, 429]);
      const retryAfter = Number(own[3].headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(3600);
      expect((own[3].body as { code: string }).code).toBe('rate_limited');

      const shared = [];
      for (let index = 1; index <= 5; index += 1)
        shared.push(await postFrom('192.0.2.2', await http.readerToken(), `сосед ${index}`));
      expect(shared.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 429]);
      expect(Number(shared[4].headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await postFrom('192.0.2.3', await http.readerToken(), 'другой адрес')).status).toBe(201);
      expect((await list(article)).body.total).toBe(3 + 4 + 1);
    } finally {
      // Its outbox relay shares the database but publishes in its own namespace: it must not take the
      // events of the other tests.
      await Promise.all([gateway.stop(), copy.stop()]);
    }
  });

  it('loses no comment that got a 201 when a comments process is killed mid-burst, and publishes each exactly once', async () => {
    const article = newArticle();
    await suite.startService('comments');
    const readers = await Promise.all(Array.from({ length: 200 }, () => http.readerToken()));
    // 20 readers at a time keep posting while one copy dies: each request is answered (201, or 503 for
    // those the dead copy held) within the gateway's deadline even on a busy machine.
    const outcomes: { status: number; body: { comment?: Comment }; reader: number }[] = [];
    let killed = false;
    let next = 0;
    const postInTurn = async (): Promise<void> => {
      for (let index = next++; index < readers.length; index = next++) {
        const answer = await post(article, { body: `в разгар ${index}` }, readers[index]);
        outcomes.push({ status: answer.status, body: answer.body, reader: index });
        if (!killed && answer.status === 201) {
          killed = true;
          void suite.service('comments', 0).kill();
        }
      }
    };
    await Promise.all(Array.from({ length: 20 }, postInTurn));
    expect(killed).toBe(true);
    expect(outcomes.filter((answer) => answer.status !== 201 && answer.status !== 503)).toEqual([]);
    const accepted = outcomes
      .filter((answer) => answer.status === 201)
      .map((answer) => answer.body.comment!.id);
    expect(accepted.length).toBeGreaterThan(0);
    // The copy that was killed comes back, as an orchestrator would restart it.
    await suite.startService('comments');

    const db = new Client({ connectionString: suite.database.url });
    await db.connect();
    let stored: { id: string; status: string }[];
    try {
      stored = (
        await db.query<{ id: string; status: string }>(
          'select id, status from comments.comment where article_id = $1',
          [article],
        )
      ).rows;
      const counter = await db.query<{ total: number }>(
        'select total from comments.article where article_id = $1',
        [article],
      );
      const published = stored.filter((row) => row.status === 'published');
      expect(counter.rows[0].total).toBe(published.length);
    } finally {
      await db.end();
    }
    const storedIds = new Set(stored.map((row) => row.id));
    expect(accepted.filter((id) => !storedIds.has(id))).toEqual([]);
    const committed = stored.filter((row) => row.status === 'published').map((row) => row.id);

    const nc = await connect({ servers: TEST_NATS_URL });
    try {
      const jsm = await nc.jetstreamManager();
      const published = async (): Promise<{ commentId: string; msgId: string }[]> => {
        const { state } = await jsm.streams.info(suite.jetStreamName);
        const events: { commentId: string; msgId: string }[] = [];
        for (let seq = state.first_seq; seq <= state.last_seq; seq += 1) {
          const message: StoredMsg | null = await jsm.streams
            .getMessage(suite.jetStreamName, { seq })
            .catch(() => null);
          if (!message || !message.subject.endsWith('events.comment.published')) continue;
          const envelope = message.json<{ data: { commentId: string; articleId: string } }>();
          if (envelope.data.articleId !== article) continue;
          events.push({
            commentId: envelope.data.commentId,
            msgId: message.header?.get('Nats-Msg-Id') ?? '',
          });
        }
        return events;
      };
      await waitFor(
        async () => new Set((await published()).map((event) => event.commentId)).size === committed.length,
        20000,
        'an event for every committed comment',
        250,
      );
      const events = await published();
      expect(events.map((event) => event.commentId).sort()).toEqual([...committed].sort());
      expect(new Set(events.map((event) => event.msgId)).size).toBe(events.length);
      expect(events.every((event) => event.msgId.length > 0)).toBe(true);
    } finally {
      await nc.close();
    }
  });
});
