import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Caller, CommentHeldV1, CommentPublishedV1, CommentsRpc, EventEnvelope } from '@app/contracts';
import { Client } from 'pg';
import { publishedEvent } from './posting/comment-posting.service';
import { waitFor } from '@test/support/wait-for';
import { CommentsHarness, settle } from './testing/comments.harness';

const READER_LIMIT = 3;
const ADDRESS_LIMIT = 5;

describe('comments service: moderation and abuse', () => {
  const h = new CommentsHarness();
  let moderator: Caller;
  const types = (events: EventEnvelope[]) => events.map((event) => event.type);
  const setSettings = (settings: Parameters<typeof h.call<object, unknown>>[1]) =>
    h.call(CommentsRpc.updateSettings, { caller: moderator, settings });

  beforeAll(async () => {
    await h.start({
      COMMENTS_PER_READER_PER_WINDOW: String(READER_LIMIT),
      COMMENTS_PER_ADDRESS_PER_WINDOW: String(ADDRESS_LIMIT),
      COMMENT_RATE_WINDOW_SECONDS: '3600',
    });
    moderator = h.staff('moderator');
  }, 60000);
  afterAll(() => h.stop());

  it('lets a reader post exactly the per-reader limit at once, refusing the rest with 429 and a retry time', async () => {
    const reader = h.reader();
    const articleId = h.article();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => settle(h.post(articleId, reader, { body: `Разные слова ${i}` }))),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(READER_LIMIT);
    for (const result of results.filter((result) => !result.ok)) {
      expect(result).toEqual({
        ok: false,
        error: expect.objectContaining({
          status: 429,
          code: 'rate_limited',
          retryAfterSeconds: expect.any(Number),
        }),
      });
      if (!result.ok) expect(result.error.retryAfterSeconds).toBeLessThanOrEqual(3600);
    }
    const { stored } = await h.one<{ stored: number }>(
      'select count(*)::int as stored from comments.comment where reader_id = $1',
      [reader.readerId],
    );
    expect(stored).toBe(READER_LIMIT);
    // The reader's comments are their count: no counter row is kept per reader.
    const { counters } = await h.one<{ counters: number }>(
      'select count(*)::int as counters from comments.rate_counter where key = $1',
      [`reader:${reader.readerId}`],
    );
    expect(counters).toBe(0);
  });

  it('lets one address post exactly its limit across readers', async () => {
    const address = `shared-${h.run}`;
    const articleId = h.article();
    const results = await Promise.all(
      Array.from({ length: 9 }, () => settle(h.post(articleId, h.reader({ addressHash: address })))),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(ADDRESS_LIMIT);
    expect(results.filter((result) => !result.ok && result.error.status === 429)).toHaveLength(
      9 - ADDRESS_LIMIT,
    );
  });

  it('refuses the same body from the same reader as a duplicate (409), not from another reader', async () => {
    const articleId = h.article();
    const reader = h.reader();
    await h.post(articleId, reader, { body: 'Точно такой же текст' });
    expect(await settle(h.post(h.article(), reader, { body: 'Точно такой же текст' }))).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 409, code: 'comment_duplicate' }),
    });
    expect((await h.post(articleId, h.reader(), { body: 'Точно такой же текст' })).status).toBe('published');
  });

  it('stores one of several identical posts sent at once by one reader, refusing the others as duplicates', async () => {
    const reader = h.reader();
    const results = await Promise.all(
      Array.from({ length: 3 }, () => settle(h.post(h.article(), reader, { body: 'Отправлено трижды' }))),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.error.code === 'comment_duplicate')).toHaveLength(
      2,
    );
  });

  it('holds a comment with more than maxLinks links and publishes one with maxLinks', async () => {
    await setSettings({ maxLinks: 2 });
    const articleId = h.article();
    const two = await h.post(articleId, h.reader(), {
      body: 'См. https://a.example/1 и https://b.example/2',
    });
    expect(two.status).toBe('published');
    const three = await h.post(articleId, h.reader(), {
      body: 'https://a.example/1 https://b.example/2 https://c.example/3',
    });
    expect(three.status).toBe('pending');
    const held = await h.eventsOf(three.comment.id);
    expect(held.map((event) => [event.type, event.data])).toEqual([
      ['comment.held', { commentId: three.comment.id, articleId, reasons: ['links'] }],
    ]);
    expect(await h.countsOf(articleId)).toEqual({ total: 1, counted: 1, repliesMismatches: 0 });
  });

  it('refuses a banned word with a message naming no word, and holds a suspect one', async () => {
    await setSettings({ bannedWords: ['жулик'], suspectWords: ['казино'] });
    try {
      const articleId = h.article();
      const banned = await settle(h.post(articleId, h.reader(), { body: 'Автор — ЖУЛИКИ и воры' }));
      expect(banned).toEqual({
        ok: false,
        error: expect.objectContaining({ status: 422, code: 'comment_banned_word' }),
      });
      if (!banned.ok) expect(banned.error.message.toLowerCase()).not.toContain('жулик');
      const suspect = await h.post(articleId, h.reader(), { body: 'Лучшее казино тут' });
      expect(suspect.status).toBe('pending');
      const { rows } = await h.pg.query('select hold_reasons from comments.comment where id = $1', [
        suspect.comment.id,
      ]);
      expect(rows[0]).toEqual({ hold_reasons: ['suspect_word'] });
      const { stored } = await h.one<{ stored: number }>(
        'select count(*)::int as stored from comments.comment where article_id = $1',
        [articleId],
      );
      expect(stored).toBe(1);
    } finally {
      await setSettings({ bannedWords: [], suspectWords: [] });
    }
  });

  it('refuses a banned reader (422) until the ban is lifted, and refuses a ban that already ended', async () => {
    const reader = h.reader();
    const articleId = h.article();
    const ban = await h.call(CommentsRpc.ban, {
      caller: moderator,
      readerId: reader.readerId!,
      ban: { reason: 'спам' },
    });
    expect(ban.ban).toEqual(
      expect.objectContaining({ readerId: reader.readerId, until: null, reason: 'спам' }),
    );
    expect(await settle(h.post(articleId, reader))).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 422, code: 'comment_author_banned' }),
    });
    expect(await h.call(CommentsRpc.liftBan, { caller: moderator, readerId: reader.readerId! })).toEqual({
      readerId: reader.readerId,
      lifted: true,
    });
    expect((await h.post(articleId, reader)).status).toBe('published');
    expect(
      await settle(h.call(CommentsRpc.liftBan, { caller: moderator, readerId: reader.readerId! })),
    ).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 404 }),
    });
    const past = await settle(
      h.call(CommentsRpc.ban, {
        caller: moderator,
        readerId: reader.readerId!,
        ban: { reason: 'x', until: '2020-01-01T00:00:00.000Z' },
      }),
    );
    expect(past).toEqual({ ok: false, error: expect.objectContaining({ status: 400 }) });
  });

  it("shows in the queue the ban in force on a comment's author: none, made, lifted, ended by time", async () => {
    const reader = h.reader();
    const posted = await h.post(h.article(), reader);
    const authorBanShown = async () => {
      const queue = await h.call(CommentsRpc.queue, {
        caller: moderator,
        query: { queue: 'all', limit: 100 },
      });
      return queue.items.find((item) => item.id === posted.comment.id)?.authorBan;
    };
    expect(await authorBanShown()).toBeNull();

    const until = new Date(Date.now() + 3_600_000).toISOString();
    await h.call(CommentsRpc.ban, {
      caller: moderator,
      readerId: reader.readerId!,
      ban: { reason: 'реклама', until },
    });
    expect(await authorBanShown()).toEqual({
      readerId: reader.readerId,
      until,
      reason: 'реклама',
      bannedBy: moderator.staffId,
      bannedAt: expect.any(String),
    });

    await h.call(CommentsRpc.liftBan, { caller: moderator, readerId: reader.readerId! });
    expect(await authorBanShown()).toBeNull();

    // A ban whose term ran out is no longer in force, though its row stays until the next ban.
    await h.call(CommentsRpc.ban, {
      caller: moderator,
      readerId: reader.readerId!,
      ban: { reason: 'флуд', until },
    });
    await h.pg.query(
      `update comments.reader_ban set until = now() - interval '1 second' where reader_id = $1`,
      [reader.readerId],
    );
    expect(await authorBanShown()).toBeNull();
  });

  it('refuses posts to an article closed by hand or autoCloseDays after its first comment', async () => {
    const articleId = h.article();
    await h.post(articleId, h.reader());
    await h.call(CommentsRpc.updateArticleSettings, {
      caller: moderator,
      articleId,
      settings: { closed: true },
    });
    expect(await settle(h.post(articleId, h.reader()))).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 422, code: 'comments_closed' }),
    });
    expect((await h.call(CommentsRpc.list, { caller: h.reader(), articleId, query: {} })).closed).toBe(true);
    await h.call(CommentsRpc.updateArticleSettings, {
      caller: moderator,
      articleId,
      settings: { closed: false },
    });
    expect((await h.post(articleId, h.reader())).status).toBe('published');

    await setSettings({ autoCloseDays: 7 });
    await h.pg.query(
      `update comments.article set first_comment_at = now() - interval '7 days 1 second' where article_id = $1`,
      [articleId],
    );
    expect((await h.call(CommentsRpc.list, { caller: h.reader(), articleId, query: {} })).closed).toBe(true);
    expect(await settle(h.post(articleId, h.reader()))).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 422, code: 'comments_closed' }),
    });
    await setSettings({ autoCloseDays: 30 });
  });

  it('holds everything on a pre-moderated article, shows it in the queue with email and reader, and publishes it on approval', async () => {
    const articleId = h.article();
    await h.call(CommentsRpc.updateArticleSettings, {
      caller: moderator,
      articleId,
      settings: { mode: 'pre' },
    });
    const reader = h.reader();
    const posted = await h.post(articleId, reader, { authorEmail: 'reader@example.org' });
    expect(posted.status).toBe('pending');
    const list = await h.call(CommentsRpc.list, { caller: h.reader(), articleId, query: {} });
    expect(list).toEqual(expect.objectContaining({ items: [], total: 0 }));

    const queue = await h.call(CommentsRpc.queue, {
      caller: moderator,
      query: { queue: 'pending', limit: 100 },
    });
    expect(queue.items.find((item) => item.id === posted.comment.id)).toEqual(
      expect.objectContaining({
        authorEmail: 'reader@example.org',
        readerId: reader.readerId,
        holdReasons: ['pre_moderation'],
        status: 'pending',
      }),
    );
    const decided = await h.call(CommentsRpc.decide, {
      caller: moderator,
      commentId: posted.comment.id,
      decision: { action: 'approve', reason: 'по делу' },
    });
    expect(decided.comment.status).toBe('published');
    expect(decided.comment.decisions).toEqual([
      { action: 'approve', reason: 'по делу', moderatorId: moderator.staffId, decidedAt: expect.any(String) },
    ]);
    expect(types(await h.eventsOf(posted.comment.id))).toEqual([
      'comment.held',
      'comment.decided',
      'comment.published',
    ]);
    expect((await h.call(CommentsRpc.list, { caller: h.reader(), articleId, query: {} })).total).toBe(1);
    expect(await h.countsOf(articleId)).toEqual({ total: 1, counted: 1, repliesMismatches: 0 });
  });

  it('hides a comment at the flag threshold, once, and brings it back on approval', async () => {
    await setSettings({ flagThreshold: 2 });
    const articleId = h.article();
    const { comment } = await h.post(articleId, h.reader());
    const first = h.reader();
    await h.call(CommentsRpc.flag, { caller: first, commentId: comment.id, flag: { reason: 'spam' } });
    expect(
      await settle(
        h.call(CommentsRpc.flag, { caller: first, commentId: comment.id, flag: { reason: 'abuse' } }),
      ),
    ).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 409, code: 'comment_already_flagged' }),
    });
    expect((await h.call(CommentsRpc.list, { caller: h.reader(), articleId, query: {} })).total).toBe(1);
    await h.call(CommentsRpc.flag, {
      caller: h.reader(),
      commentId: comment.id,
      flag: { reason: 'abuse', note: 'грубо' },
    });
    await h.call(CommentsRpc.flag, { caller: h.reader(), commentId: comment.id, flag: { reason: 'other' } });

    const hidden = await h.call(CommentsRpc.list, { caller: h.reader(), articleId, query: {} });
    expect(hidden).toEqual(expect.objectContaining({ items: [], total: 0 }));
    const flagged = (await h.eventsOf(comment.id)).filter((event) => event.type === 'comment.flagged');
    expect(flagged.map((event) => event.data)).toEqual([
      { commentId: comment.id, articleId, flags: 2, reasons: expect.arrayContaining(['spam', 'abuse']) },
    ]);
    const queue = await h.call(CommentsRpc.queue, {
      caller: moderator,
      query: { queue: 'flagged', limit: 100 },
    });
    expect(queue.items.find((item) => item.id === comment.id)).toEqual(
      expect.objectContaining({
        status: 'hidden',
        flagsCount: 3,
        flags: expect.arrayContaining([expect.objectContaining({ note: 'грубо' })]),
      }),
    );

    await h.call(CommentsRpc.decide, {
      caller: moderator,
      commentId: comment.id,
      decision: { action: 'approve' },
    });
    expect((await h.call(CommentsRpc.list, { caller: h.reader(), articleId, query: {} })).total).toBe(1);
    const after = await h.call(CommentsRpc.queue, {
      caller: moderator,
      query: { queue: 'flagged', limit: 100 },
    });
    expect(after.items.map((item) => item.id)).not.toContain(comment.id);
    expect(await h.countsOf(articleId)).toEqual({ total: 1, counted: 1, repliesMismatches: 0 });
    await setSettings({ flagThreshold: 3 });
  });

  it('rejects, features and unfeatures with an audit row each, and will not feature a held comment', async () => {
    const articleId = h.article();
    const { comment } = await h.post(articleId, h.reader());
    await h.call(CommentsRpc.decide, {
      caller: moderator,
      commentId: comment.id,
      decision: { action: 'feature' },
    });
    expect(
      (await h.call(CommentsRpc.list, { caller: h.reader(), articleId, query: {} })).items[0].featured,
    ).toBe(true);
    await h.call(CommentsRpc.decide, {
      caller: moderator,
      commentId: comment.id,
      decision: { action: 'unfeature' },
    });
    const rejected = await h.call(CommentsRpc.decide, {
      caller: moderator,
      commentId: comment.id,
      decision: { action: 'reject', reason: 'оскорбление' },
    });
    expect(rejected.comment.decisions.map((decision) => [decision.action, decision.reason])).toEqual([
      ['feature', null],
      ['unfeature', null],
      ['reject', 'оскорбление'],
    ]);
    const queue = await h.call(CommentsRpc.queue, {
      caller: moderator,
      query: { queue: 'rejected', limit: 100 },
    });
    expect(queue.items.map((item) => item.id)).toContain(comment.id);
    expect(await h.countsOf(articleId)).toEqual({ total: 0, counted: 0, repliesMismatches: 0 });

    await h.call(CommentsRpc.updateArticleSettings, {
      caller: moderator,
      articleId,
      settings: { mode: 'pre' },
    });
    const held = await h.post(articleId, h.reader());
    expect(
      await settle(
        h.call(CommentsRpc.decide, {
          caller: moderator,
          commentId: held.comment.id,
          decision: { action: 'feature' },
        }),
      ),
    ).toEqual({ ok: false, error: expect.objectContaining({ status: 422 }) });
  });

  it('tells the answered author of a reply only when they asked, and never of their own reply', async () => {
    const articleId = h.article();
    const asker = h.reader();
    const asked = await h.post(articleId, asker, {
      authorName: 'Ольга',
      authorEmail: 'olga@example.org',
      notifyOnReply: true,
      locale: 'en',
    });
    const silent = await h.post(articleId, h.reader(), { authorEmail: 'quiet@example.org' });
    const reply = await h.post(articleId, h.reader(), {
      parentId: asked.comment.id,
      articleTitle: 'Новость',
    });
    const own = await h.post(articleId, asker, { parentId: asked.comment.id });
    const toSilent = await h.post(articleId, h.reader(), { parentId: silent.comment.id });

    const published = async (commentId: string) =>
      (await h.eventsOf(commentId)).find((e) => e.type === 'comment.published')?.data;
    expect(await published(reply.comment.id)).toEqual(
      expect.objectContaining({
        parentId: asked.comment.id,
        replyToId: asked.comment.id,
        articleTitle: 'Новость',
        notify: { email: 'olga@example.org', name: 'Ольга', locale: 'en' },
      }),
    );
    expect(await published(own.comment.id)).not.toHaveProperty('notify');
    expect(await published(toSilent.comment.id)).not.toHaveProperty('notify');
  });

  it("records each post's event as its contract declares it, and a reply's as an approval would", async () => {
    // The posting statement composes these events in SQL: they must be what the contract classes and
    // publishedEvent() (which approvals use) say, field for field.
    const articleId = h.article();
    const asker = h.reader();
    const asked = await h.post(articleId, asker, {
      authorName: 'Ольга',
      authorEmail: 'olga@example.org',
      notifyOnReply: true,
    });
    const replier = h.reader();
    const reply = await h.post(articleId, replier, {
      parentId: asked.comment.id,
      articleTitle: 'Новость',
      articleUrl: 'https://portal.example/news/1',
    });
    const own = await h.post(articleId, asker, { parentId: asked.comment.id });
    const held = await h.post(articleId, h.reader(), {
      body: 'Смотрите http://a.example http://b.example http://c.example http://d.example',
    });
    const only = async (commentId: string, type: string) => {
      const events = (await h.eventsOf(commentId)).filter((event) => event.type === type);
      expect(events).toHaveLength(1);
      return events[0];
    };
    const obeys = (eventClass: new () => object, data: unknown) =>
      validateSync(plainToInstance(eventClass, data as object), {
        whitelist: true,
        forbidNonWhitelisted: true,
        forbidUnknownValues: true,
      });

    const answered = {
      readerId: asker.readerId!,
      staffId: null,
      notifyOnReply: true,
      authorEmail: 'olga@example.org',
      authorName: 'Ольга',
      locale: 'ru',
    };
    for (const [comment, by, title, url] of [
      [reply, replier, 'Новость', 'https://portal.example/news/1'],
      [own, asker, null, null],
    ] as const) {
      const event = await only(comment.comment.id, 'comment.published');
      expect(obeys(CommentPublishedV1, event.data)).toEqual([]);
      const expected = publishedEvent(
        {
          id: comment.comment.id,
          articleId,
          articleTitle: title,
          articleUrl: url,
          parentId: asked.comment.id,
          replyToId: asked.comment.id,
          authorName: comment.comment.author.name,
          readerId: by.readerId!,
          staffId: null,
        },
        answered,
      );
      expect(event.data).toEqual(JSON.parse(JSON.stringify(expected)));
      expect(event).toEqual(
        expect.objectContaining({ type: 'comment.published', version: 1, id: expect.any(String) }),
      );
    }
    expect((await only(reply.comment.id, 'comment.published')).data).toHaveProperty('notify');

    expect(held.status).toBe('pending');
    const heldEvent = await only(held.comment.id, 'comment.held');
    expect(obeys(CommentHeldV1, heldEvent.data)).toEqual([]);
    expect(heldEvent.data).toEqual({ commentId: held.comment.id, articleId, reasons: ['links'] });
    expect(Date.parse(heldEvent.occurredAt)).toBe(Date.parse(held.comment.createdAt));
  });

  it('erases a reader: comments become tombstones or go, names and emails are removed, counts stay right', async () => {
    const articleId = h.article();
    const reader = h.reader();
    const answered = await h.post(articleId, reader, {
      authorName: 'Стереть',
      authorEmail: 'gone@example.org',
    });
    await h.post(articleId, h.reader(), { parentId: answered.comment.id });
    await h.post(articleId, reader, {
      authorName: 'Стереть',
      authorEmail: 'gone@example.org',
      body: 'Второй мой',
    });
    const admin = h.staff('admin');
    expect(await h.call(CommentsRpc.eraseReader, { caller: admin, readerId: reader.readerId! })).toEqual({
      readerId: reader.readerId,
      commentsErased: 2,
    });
    const { rows } = await h.pg.query(
      `select status, body, author_name, author_email from comments.comment where reader_id = $1`,
      [reader.readerId],
    );
    expect(rows).toEqual([
      { status: 'deleted', body: '', author_name: '', author_email: null },
      { status: 'deleted', body: '', author_name: '', author_email: null },
    ]);
    const list = await h.call(CommentsRpc.list, { caller: h.reader(), articleId, query: {} });
    expect(list.items.map((item) => item.status)).toEqual(['deleted']);
    expect(await h.countsOf(articleId)).toEqual({ total: 1, counted: 1, repliesMismatches: 0 });
  });

  it('records nothing, not even an event, for a refused post', async () => {
    const before = await h.one<{ events: number }>(
      'select count(*)::int as events from comments.outbox_event',
    );
    await h.call(CommentsRpc.updateArticleSettings, {
      caller: moderator,
      articleId: 'closed-one',
      settings: { closed: true },
    });
    await settle(h.post('closed-one', h.reader()));
    const after = await h.one<{ events: number }>(
      'select count(*)::int as events from comments.outbox_event',
    );
    expect(after.events).toBe(before.events);
  });

  /**
   * A moderator's change of the article, held uncommitted by a second connection while a post runs into
   * it: the post waits, then sees the change when it commits.
   */
  const whileArticleChanges = async (articleId: string, change: string, post: () => Promise<unknown>) => {
    const moderatorSide = new Client({ connectionString: h.db.url });
    await moderatorSide.connect();
    try {
      const moderatorPid = (await moderatorSide.query<{ pid: number }>('select pg_backend_pid() as pid'))
        .rows[0].pid;
      await moderatorSide.query('begin');
      await moderatorSide.query(`update comments.article set ${change} where article_id = $1`, [articleId]);
      const posting = post();
      await waitFor(
        async () =>
          (
            await h.one<{ waiting: number }>(
              `select count(*)::int as waiting from pg_stat_activity
                where datname = current_database() and $1 = any(pg_blocking_pids(pid))`,
              [moderatorPid],
            )
          ).waiting > 0,
        10000,
        'the post to wait for the article',
      );
      await moderatorSide.query('commit');
      return await posting;
    } finally {
      await moderatorSide.end();
    }
  };

  it('refuses a post that ran into a close, leaving nothing of it behind', async () => {
    const articleId = h.article();
    await h.post(articleId, h.reader());
    const reader = h.reader();
    const outcome = await whileArticleChanges(articleId, 'closed = true', () =>
      settle(h.post(articleId, reader)),
    );
    expect(outcome).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 422, code: 'comments_closed' }),
    });
    const left = await h.one<{ comments: number; counters: number }>(
      `select (select count(*)::int from comments.comment where reader_id = $1) as comments,
              (select count(*)::int from comments.rate_counter where key = $2) as counters`,
      [reader.readerId, `reader:${reader.readerId}`],
    );
    expect(left).toEqual({ comments: 0, counters: 0 });
    expect(await h.countsOf(articleId)).toEqual({ total: 1, counted: 1, repliesMismatches: 0 });
  });

  it('holds a post that ran into a switch to pre-moderation, as if it came after it', async () => {
    const articleId = h.article();
    await h.post(articleId, h.reader());
    const outcome = await whileArticleChanges(articleId, `mode = 'pre'`, () => h.post(articleId, h.reader()));
    expect(outcome).toEqual(expect.objectContaining({ status: 'pending' }));
    expect(await h.countsOf(articleId)).toEqual({ total: 1, counted: 1, repliesMismatches: 0 });
  });
});
