import { randomUUID } from 'node:crypto';
import { NatsConnection, JSONCodec } from 'nats';
import {
  CommentFlaggedV1,
  FEED_CHANGED_SIGNAL,
  FeedChangedSignal,
  NotificationsRpc,
  NotificationSubscriptions,
  SubmissionMessageReceivedV1,
} from '@app/contracts';
import { NotificationsHarness } from './testing/notifications.harness';

const flagged = (): CommentFlaggedV1 =>
  Object.assign(new CommentFlaggedV1(), {
    commentId: randomUUID(),
    articleId: 'story-f',
    flags: 3,
    reasons: ['spam' as const],
  });

function listen(nc: NatsConnection, subject: string): FeedChangedSignal[] {
  const heard: FeedChangedSignal[] = [];
  const codec = JSONCodec<FeedChangedSignal>();
  const subscription = nc.subscribe(subject);
  void (async () => {
    for await (const message of subscription) heard.push(codec.decode(message.data));
  })();
  return heard;
}

describe('the staff feed and preferences', () => {
  const harness = new NotificationsHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('pages the feed newest first, counts unread, marks read, and signals each change', async () => {
    const moderator = await harness.staff(['moderator']);
    const heard = listen(harness.nc, harness.namespace.subject(FEED_CHANGED_SIGNAL));
    for (let i = 0; i < 3; i += 1) await harness.publish(CommentFlaggedV1, flagged());
    await harness.until(
      async () =>
        (await harness.call(NotificationsRpc.unreadCount, { caller: moderator.caller })).unread === 3,
      'three unread entries',
    );
    const first = await harness.call(NotificationsRpc.feed, {
      caller: moderator.caller,
      query: { limit: 2 },
    });
    expect(first.items).toHaveLength(2);
    expect(first.items[0].title).toBe('На комментарий пожаловались');
    const second = await harness.call(NotificationsRpc.feed, {
      caller: moderator.caller,
      query: { limit: 2, cursor: first.nextCursor! },
    });
    expect(second).toMatchObject({ nextCursor: null });
    expect(second.items).toHaveLength(1);

    const marked = await harness.call(NotificationsRpc.markRead, {
      caller: moderator.caller,
      read: { ids: [first.items[0].id] },
    });
    expect(marked).toEqual({ marked: 1, unread: 2 });
    const unreadOnly = await harness.call(NotificationsRpc.feed, {
      caller: moderator.caller,
      query: { unread: 'true' },
    });
    expect(unreadOnly.items.map((item) => item.id)).not.toContain(first.items[0].id);
    expect(
      await harness.call(NotificationsRpc.markRead, { caller: moderator.caller, read: { all: true } }),
    ).toEqual({
      marked: 2,
      unread: 0,
    });
    await harness.until(
      () => heard.some((signal) => signal.staffId === moderator.staffId && signal.unread === 0),
      'the signal of the last change',
    );
    expect(
      heard.filter((signal) => signal.notification && signal.staffId === moderator.staffId),
    ).toHaveLength(3);
  });

  it("never shows or marks another person's entries", async () => {
    const [a, b] = [await harness.staff(['moderator']), await harness.staff(['moderator'])];
    await harness.publish(CommentFlaggedV1, flagged());
    await harness.until(
      async () => (await harness.call(NotificationsRpc.unreadCount, { caller: b.caller })).unread === 1,
      'the entry',
    );
    const [entry] = (await harness.call(NotificationsRpc.feed, { caller: b.caller, query: {} })).items;
    await harness.call(NotificationsRpc.markRead, { caller: a.caller, read: { all: true } });
    expect(
      await harness.call(NotificationsRpc.markRead, { caller: a.caller, read: { ids: [entry.id] } }),
    ).toMatchObject({
      marked: 0,
    });
    expect((await harness.call(NotificationsRpc.unreadCount, { caller: b.caller })).unread).toBe(1);
  });

  it('refuses a mark-read body that names both ids and all, or neither, naming the field', async () => {
    const moderator = await harness.staff(['moderator']);
    await expect(
      harness.call(NotificationsRpc.markRead, {
        caller: moderator.caller,
        read: { ids: [randomUUID()], all: true },
      }),
    ).rejects.toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'read.all' })] });
    await expect(
      harness.call(NotificationsRpc.markRead, { caller: moderator.caller, read: {} }),
    ).rejects.toMatchObject({
      status: 400,
      errors: expect.arrayContaining([{ field: 'read.ids', message: 'ids or all is required' }]),
    });
  });

  it('marks up to 100 named entries in one call and refuses 101, naming the field', async () => {
    const moderator = await harness.staff(['moderator']);
    const ids = (count: number) => Array.from({ length: count }, () => randomUUID());
    await expect(
      harness.call(NotificationsRpc.markRead, { caller: moderator.caller, read: { ids: ids(100) } }),
    ).resolves.toEqual({ marked: 0, unread: 0 });
    await expect(
      harness.call(NotificationsRpc.markRead, { caller: moderator.caller, read: { ids: ids(101) } }),
    ).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'read.ids', message: 'ids must contain no more than 100 elements' }],
    });
  });

  it('refuses the feed to a caller who is not staff', async () => {
    await expect(
      harness.call(NotificationsRpc.feed, {
        caller: { staffId: null, roles: [], readerId: 'r', addressHash: null, portalName: null },
        query: {},
      }),
    ).rejects.toMatchObject({ status: 401 });
  });

  it('follows preferences: email turned off sends none, in-app turned off adds no entry', async () => {
    const moderator = await harness.staff(['moderator']);
    const defaults = await harness.call(NotificationsRpc.preferences, { caller: moderator.caller });
    expect(defaults.items.find((item) => item.type === 'submission.message_received')).toEqual({
      type: 'submission.message_received',
      inApp: true,
      email: true,
      telegram: true,
    });
    const updated = await harness.call(NotificationsRpc.updatePreferences, {
      caller: moderator.caller,
      preferences: {
        items: [{ type: 'submission.message_received', inApp: true, email: false, telegram: false }],
      },
    });
    expect(updated.items.find((item) => item.type === 'submission.message_received')?.email).toBe(false);
    const id = await harness.publish(
      SubmissionMessageReceivedV1,
      Object.assign(new SubmissionMessageReceivedV1(), {
        submissionId: randomUUID(),
        assigneeId: moderator.staffId,
        at: new Date().toISOString(),
      }),
    );
    await harness.until(
      async () => (await harness.count('notification', 'event_id = $1', [id])) === 1,
      'the in-app entry for the assignee only',
    );
    expect(await harness.count('delivery', 'event_id = $1', [id])).toBe(0);

    await harness.call(NotificationsRpc.updatePreferences, {
      caller: moderator.caller,
      preferences: { items: [{ type: 'comment.flagged', inApp: false, email: true, telegram: true }] },
    });
    const other = await harness.publish(CommentFlaggedV1, flagged());
    await harness.until(
      async () =>
        (await harness.count('inbox_entry', 'event_id = $1 and consumer = $2', [
          other,
          NotificationSubscriptions.comments.durable,
        ])) === 1,
      'the flag to be handled',
    );
    expect(
      await harness.count('notification', 'event_id = $1 and staff_id = $2', [other, moderator.staffId]),
    ).toBe(0);
    expect(
      await harness.count('digest_item', 'event_id = $1 and staff_id = $2', [other, moderator.staffId]),
    ).toBe(1);
  });

  it('refuses a preference for a type it does not know, naming the field', async () => {
    const moderator = await harness.staff(['moderator']);
    await expect(
      harness.call(NotificationsRpc.updatePreferences, {
        caller: moderator.caller,
        preferences: { items: [{ type: 'nope' as never, inApp: true, email: true, telegram: true }] },
      }),
    ).rejects.toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ field: 'preferences.items.0.type' })],
    });
  });
});
