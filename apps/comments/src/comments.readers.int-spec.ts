import { CommentsRpc, CommentView, encodePageCursor } from '@app/contracts';
import { CommentsHarness, settle } from './testing/comments.harness';

describe('comments service: readers', () => {
  const h = new CommentsHarness();
  const moderator = () => h.staff('moderator');

  beforeAll(() => h.start(), 60000);
  afterAll(() => h.stop());

  it('refuses a post without a reader identity (401) and moderation to a reader (403)', async () => {
    const anonymous = { readerId: null, staffId: null, roles: [], addressHash: 'x', portalName: null };
    expect(await settle(h.post(h.article(), anonymous))).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 401, code: 'reader_required' }),
    });
    const reader = h.reader();
    for (const refused of [
      settle(h.call(CommentsRpc.queue, { caller: reader, query: {} })),
      settle(h.call(CommentsRpc.settings, { caller: reader })),
      settle(h.call(CommentsRpc.ban, { caller: reader, readerId: 'someone', ban: { reason: 'spam' } })),
      settle(h.call(CommentsRpc.eraseReader, { caller: moderator(), readerId: 'someone' })),
    ]) {
      expect(await refused).toEqual({ ok: false, error: expect.objectContaining({ status: 403 }) });
    }
  });

  it('nests replies to depth 3 and stores a reply to a depth-3 comment beside it, answering it', async () => {
    const articleId = h.article();
    const top = (await h.post(articleId, h.reader(), { body: 'Первый' })).comment;
    const second = (await h.post(articleId, h.reader(), { body: 'Второй', parentId: top.id })).comment;
    const third = (await h.post(articleId, h.reader(), { body: 'Третий', parentId: second.id })).comment;
    const fourth = (await h.post(articleId, h.reader(), { body: 'Четвёртый', parentId: third.id })).comment;
    expect(fourth).toEqual(expect.objectContaining({ depth: 3, parentId: second.id, replyToId: third.id }));

    const list = await h.call(CommentsRpc.list, { caller: h.reader(), articleId, query: {} });
    expect(list.total).toBe(4);
    expect(list.closed).toBe(false);
    const [thread] = list.items;
    expect(thread.repliesCount).toBe(1);
    expect(thread.replies.map((reply) => reply.body)).toEqual(['Второй']);
    expect(thread.replies[0].replies.map((reply) => [reply.body, reply.depth])).toEqual([
      ['Третий', 3],
      ['Четвёртый', 3],
    ]);
    expect(await h.countsOf(articleId)).toEqual({ total: 4, counted: 4, repliesMismatches: 0 });
  });

  it('refuses a reply to a comment of another article or one not published', async () => {
    const other = (await h.post(h.article(), h.reader())).comment;
    const refused = await settle(h.post(h.article(), h.reader(), { parentId: other.id }));
    expect(refused).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 422, code: 'comment_parent_invalid' }),
    });
  });

  it('pages newest, oldest and top with cursors that cover every comment once', async () => {
    const articleId = h.article();
    const posted: CommentView[] = [];
    for (let i = 0; i < 7; i += 1)
      posted.push((await h.post(articleId, h.reader(), { body: `c${i}` })).comment);
    // c3 gets 2 likes, c5 one.
    for (const [index, likes] of [
      [3, 2],
      [5, 1],
    ]) {
      for (let i = 0; i < likes; i += 1) {
        await h.call(CommentsRpc.react, {
          caller: h.reader(),
          commentId: posted[index].id,
          reaction: { type: 'like' },
        });
      }
    }
    const walk = async (sort: 'newest' | 'oldest' | 'top') => {
      const bodies: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await h.call(CommentsRpc.list, {
          caller: h.reader(),
          articleId,
          query: { sort, limit: 3, cursor },
        });
        bodies.push(...page.items.map((item) => item.body));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return bodies;
    };
    expect(await walk('newest')).toEqual(['c6', 'c5', 'c4', 'c3', 'c2', 'c1', 'c0']);
    expect(await walk('oldest')).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    expect(await walk('top')).toEqual(['c3', 'c5', 'c6', 'c4', 'c2', 'c1', 'c0']);

    const timeCursor = encodePageCursor({ createdAt: posted[0].createdAt, id: posted[0].id });
    const wrongSort = await settle(
      h.call(CommentsRpc.list, { caller: h.reader(), articleId, query: { sort: 'top', cursor: timeCursor } }),
    );
    expect(wrongSort).toEqual({ ok: false, error: expect.objectContaining({ status: 400 }) });
  });

  it('shows the caller their own reaction and comments, and counts a like once per reader', async () => {
    const articleId = h.article();
    const author = h.reader();
    const liker = h.reader();
    const { comment } = await h.post(articleId, author);
    await h.call(CommentsRpc.react, { caller: liker, commentId: comment.id, reaction: { type: 'like' } });
    const again = await h.call(CommentsRpc.react, {
      caller: liker,
      commentId: comment.id,
      reaction: { type: 'like' },
    });
    expect(again).toEqual({ commentId: comment.id, like: 1, myReaction: 'like' });

    const asLiker = await h.call(CommentsRpc.list, { caller: liker, articleId, query: {} });
    expect(asLiker.items[0]).toEqual(
      expect.objectContaining({ myReaction: 'like', mine: false, reactions: { like: 1 } }),
    );
    const asAuthor = await h.call(CommentsRpc.list, { caller: author, articleId, query: {} });
    expect(asAuthor.items[0]).toEqual(expect.objectContaining({ myReaction: null, mine: true }));

    expect(await h.call(CommentsRpc.unreact, { caller: liker, commentId: comment.id })).toEqual({
      commentId: comment.id,
      like: 0,
      myReaction: null,
    });
    expect((await h.call(CommentsRpc.unreact, { caller: liker, commentId: comment.id })).like).toBe(0);
  });

  it('answers counts for many articles at once, 0 for those without comments', async () => {
    const a = h.article();
    const b = h.article();
    await h.post(a, h.reader());
    await h.post(a, h.reader());
    const { counts } = await h.call(CommentsRpc.counts, {
      caller: h.reader(),
      query: { articleIds: [a, b, a] },
    });
    expect(counts).toEqual({ [a]: 2, [b]: 0 });
  });

  it('lets the author edit within the window only, and nobody else', async () => {
    const articleId = h.article();
    const author = h.reader();
    const { comment } = await h.post(articleId, author);
    const edited = await h.call(CommentsRpc.edit, {
      caller: author,
      commentId: comment.id,
      edit: { body: 'Исправлено' },
    });
    expect(edited.comment).toEqual(
      expect.objectContaining({ body: 'Исправлено', editedAt: expect.any(String) }),
    );
    expect(
      await settle(
        h.call(CommentsRpc.edit, { caller: h.reader(), commentId: comment.id, edit: { body: 'x' } }),
      ),
    ).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 403, code: 'comment_not_yours' }),
    });
    await h.call(CommentsRpc.updateSettings, { caller: moderator(), settings: { editWindowMinutes: 0 } });
    try {
      const late = await settle(
        h.call(CommentsRpc.edit, { caller: author, commentId: comment.id, edit: { body: 'Поздно' } }),
      );
      expect(late).toEqual({
        ok: false,
        error: expect.objectContaining({ status: 422, code: 'comment_edit_window_closed' }),
      });
    } finally {
      await h.call(CommentsRpc.updateSettings, { caller: moderator(), settings: { editWindowMinutes: 15 } });
    }
  });

  it('keeps a deleted comment with published replies as a tombstone, and drops one without', async () => {
    const articleId = h.article();
    const author = h.reader();
    const withReplies = (await h.post(articleId, author, { body: 'С ответами' })).comment;
    await h.post(articleId, h.reader(), { parentId: withReplies.id, body: 'Ответ' });
    const alone = (await h.post(articleId, author, { body: 'Одинокий' })).comment;

    expect(await h.call(CommentsRpc.delete, { caller: author, commentId: withReplies.id })).toEqual({
      commentId: withReplies.id,
      outcome: 'tombstone',
    });
    expect(await h.call(CommentsRpc.delete, { caller: author, commentId: alone.id })).toEqual({
      commentId: alone.id,
      outcome: 'removed',
    });
    const list = await h.call(CommentsRpc.list, { caller: h.reader(), articleId, query: {} });
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toEqual(
      expect.objectContaining({
        id: withReplies.id,
        status: 'deleted',
        body: '',
        author: expect.objectContaining({ name: '' }),
      }),
    );
    expect(list.items[0].replies.map((reply) => reply.body)).toEqual(['Ответ']);
    expect(list.total).toBe(1);
    expect(await h.countsOf(articleId)).toEqual({ total: 1, counted: 1, repliesMismatches: 0 });
  });

  it('marks a portal reader as verified under the name from the token, and staff as staff', async () => {
    const articleId = h.article();
    const portal = await h.post(articleId, h.reader({ portalName: 'Анна Петрова' }), {
      authorName: 'Подделка',
    });
    expect(portal.comment.author).toEqual({ name: 'Анна Петрова', isStaff: false, verified: true });
    const staff = await h.post(articleId, moderator(), { authorName: 'Редакция сайта' });
    expect(staff.comment.author).toEqual({ name: 'Редакция сайта', isStaff: true, verified: false });
    const guest = await settle(h.post(articleId, h.reader(), { authorName: undefined }));
    expect(guest).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 422, code: 'comment_author_name_required' }),
    });
  });

  it('stores the body normalised to NFC, trimmed, without bidi overrides, and refuses an empty one', async () => {
    const articleId = h.article();
    const { comment } = await h.post(articleId, h.reader(), {
      body: '  e\u0301 \u202Egnp.exe <script>alert(1)</script>  ',
    });
    expect(comment.body).toBe('\u00e9 gnp.exe <script>alert(1)</script>');
    const empty = await settle(h.post(articleId, h.reader(), { body: ' \u202E  ' }));
    expect(empty).toEqual({ ok: false, error: expect.objectContaining({ status: 400 }) });
  });
});
