import { randomUUID } from 'node:crypto';
import { Caller, CommentsRpc } from '@app/contracts';
import { waitFor } from '@test/support/wait-for';
import { CommentsHarness, settle } from './testing/comments.harness';

describe('comments service under concurrency', () => {
  const h = new CommentsHarness();
  let moderator: Caller;

  beforeAll(async () => {
    // One-second rate windows: every reader here posts once, and windows pass while the tests run.
    await h.start({ DATABASE_POOL_MAX: '10', COMMENT_RATE_WINDOW_SECONDS: '1' });
    moderator = h.staff('moderator');
  }, 60000);
  afterAll(() => h.stop());

  it('stores 200 concurrent replies to one comment from 200 readers once each, with exact counts and events', async () => {
    const articleId = h.article();
    const { comment: parent } = await h.post(articleId, h.reader());
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        settle(h.post(articleId, h.reader(), { parentId: parent.id, body: `Ответ ${i}` })),
      ),
    );
    const elapsedMs = performance.now() - started;
    process.stdout.write(`200 concurrent replies: ${elapsedMs.toFixed(0)} ms\n`);
    expect(results.filter((result) => !result.ok)).toEqual([]);

    const stored = await h.one<{ replies: number; distinct: number }>(
      `select count(*)::int as replies, count(distinct body)::int as distinct from comments.comment where parent_id = $1`,
      [parent.id],
    );
    expect(stored).toEqual({ replies: 200, distinct: 200 });
    const list = await h.call(CommentsRpc.list, { caller: h.reader(), articleId, query: {} });
    expect(list.total).toBe(201);
    expect(list.items[0].repliesCount).toBe(200);
    expect(list.items[0].replies).toHaveLength(100);
    expect(await h.countsOf(articleId)).toEqual({ total: 201, counted: 201, repliesMismatches: 0 });
    const events = await h.one<{ published: number }>(
      `select count(*)::int as published from comments.outbox_event
        where type = 'comment.published' and payload->'data'->>'articleId' = $1`,
      [articleId],
    );
    expect(events.published).toBe(201);
  });

  it('counts 100 concurrent identical likes from one reader once', async () => {
    const { comment } = await h.post(h.article(), h.reader());
    const liker = h.reader();
    const replies = await Promise.all(
      Array.from({ length: 100 }, () =>
        h.call(CommentsRpc.react, { caller: liker, commentId: comment.id, reaction: { type: 'like' } }),
      ),
    );
    expect(new Set(replies.map((reply) => reply.like))).toEqual(new Set([1]));
    const stored = await h.one<{ likes: number; reactions: number }>(
      `select likes, (select count(*)::int from comments.reaction where comment_id = $1) as reactions
         from comments.comment where id = $1`,
      [comment.id],
    );
    expect(stored).toEqual({ likes: 1, reactions: 1 });
  });

  it('accepts a comment posted while a moderator closes the article before the close, or refuses it whole', async () => {
    for (let round = 0; round < 3; round += 1) {
      const articleId = h.article();
      await h.post(articleId, h.reader());
      const posts = Array.from({ length: 40 }, (_, i) =>
        settle(h.post(articleId, h.reader(), { body: `Гонка ${i}` })),
      );
      const close = h.call(CommentsRpc.updateArticleSettings, {
        caller: moderator,
        articleId,
        settings: { closed: true },
      });
      const results = await Promise.all(posts);
      await close;

      const accepted = results.filter((result) => result.ok);
      const refused = results.filter((result) => !result.ok);
      for (const result of refused) {
        expect(result).toEqual({
          ok: false,
          error: expect.objectContaining({ status: 422, code: 'comments_closed' }),
        });
      }
      const stored = await h.one<{ comments: number; rateHits: number }>(
        `select (select count(*)::int from comments.comment where article_id = $1) as comments,
                (select count(*)::int from comments.outbox_event where payload->'data'->>'articleId' = $1) as "rateHits"`,
        [articleId],
      );
      // Every accepted post is stored with its event; a refused one left neither behind.
      expect(stored).toEqual({ comments: accepted.length + 1, rateHits: accepted.length + 1 });
      expect(await h.countsOf(articleId)).toEqual({
        total: accepted.length + 1,
        counted: accepted.length + 1,
        repliesMismatches: 0,
      });
      expect(await settle(h.post(articleId, h.reader()))).toEqual({
        ok: false,
        error: expect.objectContaining({ status: 422 }),
      });
    }
  });

  it('hides a comment flagged by many readers at once exactly once', async () => {
    const articleId = h.article();
    const { comment } = await h.post(articleId, h.reader());
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        settle(
          h.call(CommentsRpc.flag, { caller: h.reader(), commentId: comment.id, flag: { reason: 'spam' } }),
        ),
      ),
    );
    expect(results.filter((result) => !result.ok)).toEqual([]);
    const flagged = (await h.eventsOf(comment.id)).filter((event) => event.type === 'comment.flagged');
    expect(flagged).toHaveLength(1);
    expect(await h.countsOf(articleId)).toEqual({ total: 0, counted: 0, repliesMismatches: 0 });
  });

  it('erases a reader while moderators decide on the same threads, every request answered and the counts exact', async () => {
    const admin = h.staff('admin');
    for (let round = 0; round < 3; round += 1) {
      const articleId = h.article();
      const erased = h.reader();
      // Threads where the erased reader's comments answer others' and are answered by others, so the
      // erasure and the decisions lock the same comments, each starting from its own end.
      const others: string[] = [];
      for (let thread = 0; thread < 4; thread += 1) {
        const { comment: top } = await h.post(articleId, h.reader(), { body: `Тема ${round}-${thread}` });
        others.push(top.id);
        const { comment: mine } = await h.post(articleId, erased, {
          parentId: top.id,
          body: `Ответ ${round}-${thread}`,
        });
        for (let reply = 0; reply < 3; reply += 1) {
          const { comment } = await h.post(articleId, h.reader(), {
            parentId: mine.id,
            body: `Ответ на ответ ${round}-${thread}-${reply}`,
          });
          others.push(comment.id);
        }
      }
      const results = await Promise.all([
        settle(h.call(CommentsRpc.eraseReader, { caller: admin, readerId: erased.readerId! })),
        ...others.map((commentId, index) =>
          settle(
            h.call(CommentsRpc.decide, {
              caller: moderator,
              commentId,
              decision: index % 2 === 0 ? { action: 'reject', reason: 'не по теме' } : { action: 'feature' },
            }),
          ),
        ),
      ]);
      expect(results.filter((result) => !result.ok)).toEqual([]);
      const counts = await h.countsOf(articleId);
      expect(counts.repliesMismatches).toBe(0);
      expect(counts.total).toBe(counts.counted);
    }
  });

  it('never counts a pending, rejected, hidden or deleted comment, whatever runs at once', async () => {
    const articleId = h.article();
    const top = await Promise.all(Array.from({ length: 30 }, () => h.post(articleId, h.reader())));
    const replies = await Promise.all(
      top.slice(0, 10).map(({ comment }) => h.post(articleId, h.reader(), { parentId: comment.id })),
    );
    await h.call(CommentsRpc.updateArticleSettings, {
      caller: moderator,
      articleId,
      settings: { mode: 'pre' },
    });
    const work: Promise<unknown>[] = [
      ...Array.from({ length: 10 }, () => settle(h.post(articleId, h.reader()))),
      ...top.slice(0, 8).map(({ comment }) =>
        settle(
          h.call(CommentsRpc.decide, {
            caller: moderator,
            commentId: comment.id,
            decision: { action: 'reject' },
          }),
        ),
      ),
      ...top
        .slice(5, 15)
        .map(({ comment }) =>
          settle(h.call(CommentsRpc.delete, { caller: moderator, commentId: comment.id })),
        ),
      ...replies.map(({ comment }) =>
        settle(h.call(CommentsRpc.delete, { caller: moderator, commentId: comment.id })),
      ),
      ...top.slice(15, 20).flatMap(({ comment }) =>
        Array.from({ length: 3 }, () =>
          settle(
            h.call(CommentsRpc.flag, {
              caller: h.reader(),
              commentId: comment.id,
              flag: { reason: 'abuse' },
            }),
          ),
        ),
      ),
    ];
    await Promise.all(work);
    const counts = await h.countsOf(articleId);
    expect(counts.total).toBe(counts.counted);
    expect(counts.repliesMismatches).toBe(0);
    const byStatus = await h.pg.query<{ status: string; n: number }>(
      `select status, count(*)::int as n from comments.comment where article_id = $1 group by status order by status`,
      [articleId],
    );
    // 30 top-level + 10 replies + 10 held; 15 deleted or rejected top-level, 10 deleted replies, 5 hidden.
    expect(Object.fromEntries(byStatus.rows.map((row) => [row.status, row.n]))).toEqual({
      deleted: expect.any(Number),
      hidden: 5,
      pending: 10,
      published: 10,
      rejected: expect.any(Number),
    });
    expect(
      (await h.call(CommentsRpc.list, { caller: h.reader(), articleId, query: { limit: 100 } })).total,
    ).toBe(10);
  });

  it('drops the posting counters of windows that have ended', async () => {
    await h.pg.query(
      `insert into comments.rate_counter (key, window_start, hits) values ('reader:old', now() - interval '1 hour', 3)`,
    );
    const articleId = h.article();
    await waitFor(
      async () => {
        await h.post(articleId, h.reader());
        const { left } = await h.one<{ left: number }>(
          `select count(*)::int as left from comments.rate_counter where key = 'reader:old'`,
        );
        return left === 0;
      },
      10000,
      'the ended window to be dropped',
      100,
    );
  });
});

describe('comments service with the posting limits off', () => {
  const h = new CommentsHarness();

  beforeAll(async () => {
    await h.start({ COMMENTS_PER_READER_PER_WINDOW: '0', COMMENTS_PER_ADDRESS_PER_WINDOW: '0' });
  }, 60000);
  afterAll(() => h.stop());

  it('still stores 50 concurrent copies of one body from one reader once, refusing the others as duplicates', async () => {
    const articleId = h.article();
    const reader = h.reader();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => settle(h.post(articleId, reader, { body: 'Одно и то же' }))),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual(
      Array.from({ length: 49 }, () => ({
        ok: false,
        error: expect.objectContaining({ status: 409, code: 'comment_duplicate' }),
      })),
    );
    expect(await h.countsOf(articleId)).toEqual({ total: 1, counted: 1, repliesMismatches: 0 });
  });
});

describe('comments service with posts of one reader or one address arriving together', () => {
  const h = new CommentsHarness();

  beforeAll(async () => {
    // A window longer than the tests: every hit counts against the limits below.
    await h.start({
      COMMENTS_PER_READER_PER_WINDOW: '3',
      COMMENTS_PER_ADDRESS_PER_WINDOW: '4',
      COMMENT_RATE_WINDOW_SECONDS: '3600',
    });
  }, 60000);
  afterAll(() => h.stop());

  const statuses = (results: { ok: boolean; error?: { status: number } }[]) =>
    results.map((result) => (result.ok ? 201 : result.error!.status)).sort();

  it("limits one reader's concurrent posts exactly at the edge", async () => {
    const articleId = h.article();
    const reader = h.reader();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => settle(h.post(articleId, reader, { body: `Поток ${i}` }))),
    );
    expect(statuses(results)).toEqual([201, 201, 201, 429, 429, 429, 429, 429, 429, 429]);
    expect(await h.countsOf(articleId)).toEqual({ total: 3, counted: 3, repliesMismatches: 0 });
  });

  it("limits one address's concurrent posts by many readers exactly at the edge", async () => {
    const articleId = h.article();
    const addressHash = `shared-${h.run}`;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        settle(h.post(articleId, h.reader({ addressHash }), { body: `Сосед ${i}` })),
      ),
    );
    expect(statuses(results)).toEqual([201, 201, 201, 201, 429, 429, 429, 429, 429, 429]);
    expect(await h.countsOf(articleId)).toEqual({ total: 4, counted: 4, repliesMismatches: 0 });
  });

  it("refuses posts to a closed article without using up their address's posts", async () => {
    const closed = h.article();
    await h.post(closed, h.reader());
    await h.call(CommentsRpc.updateArticleSettings, {
      caller: h.staff('moderator'),
      articleId: closed,
      settings: { closed: true },
    });
    const addressHash = `closed-${h.run}`;
    const refused = await Promise.all(
      Array.from({ length: 3 }, () => settle(h.post(closed, h.reader({ addressHash })))),
    );
    expect(statuses(refused)).toEqual([422, 422, 422]);

    const open = h.article();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => settle(h.post(open, h.reader({ addressHash })))),
    );
    expect(statuses(results)).toEqual([201, 201, 201, 201, 429]);
  });

  it('refuses, writing nothing, a posting statement given two posts of one reader', async () => {
    const articleId = h.article();
    const post = (ordinal: number) => ({
      ordinal,
      id: randomUUID(),
      article_id: articleId,
      parent_id: null,
      reader_id: `twice-${h.run}`,
      staff_id: null,
      by_staff: false,
      address_hash: null,
      author_name: 'Дважды',
      author_verified: false,
      author_email: null,
      notify_on_reply: false,
      locale: 'ru',
      body: `Тело ${ordinal}`,
      body_hash: `hash-${ordinal}`,
      article_title: null,
      article_url: null,
      reasons: [],
      site_mode: 'post',
      auto_close_days: 0,
      event_id: randomUUID(),
      request_id: null,
    });
    const rules = {
      now: new Date().toISOString(),
      maxDepth: 3,
      windowStart: new Date().toISOString(),
      duplicatesSince: null,
      readerLimit: 3,
      addressLimit: 4,
    };
    await expect(
      h.pg.query(`select * from comments.post_comments($1::jsonb, $2::jsonb)`, [
        JSON.stringify([post(1), post(2)]),
        JSON.stringify(rules),
      ]),
    ).rejects.toMatchObject({ code: '22023' });
    expect(
      await h.one(`select count(*)::int as n from comments.comment where article_id = $1`, [articleId]),
    ).toEqual({
      n: 0,
    });
  });
});
