import { generateKeyPairSync, randomUUID } from 'node:crypto';
import {
  CommentHeldV1,
  CommentPublishedV1,
  NotificationsRpc,
  NotificationSubscriptions,
  PollClosedV1,
  StaffAccountChangedV1,
} from '@app/contracts';
import { DigestWorker } from './delivery/digest.worker';
import { NotificationsHarness } from './testing/notifications.harness';

describe('notifications by email and in-app', () => {
  const harness = new NotificationsHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  const reply = (email: string, overrides: Partial<CommentPublishedV1> = {}): CommentPublishedV1 =>
    Object.assign(new CommentPublishedV1(), {
      commentId: randomUUID(),
      articleId: 'story-1',
      articleTitle: 'Мост <открыт>',
      articleUrl: 'https://portal.test/story-1',
      parentId: randomUUID(),
      replyToId: null,
      authorName: 'Пётр',
      notify: { email, name: 'Анна', locale: 'ru' as const },
      ...overrides,
    });

  it('emails a reply once with one-click unsubscribe headers, and sends nothing more after unsubscribing', async () => {
    const email = `reader-${harness.run}@readers.test`;
    await harness.publish(CommentPublishedV1, reply(email));
    await harness.until(() => harness.smtp.to(email).length === 1, 'the reply email');
    const [mail] = harness.smtp.to(email);
    expect(mail.subject).toContain('Мост <открыт>');
    expect(mail.html).toContain('Мост &lt;открыт&gt;');
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@engage\.test>$/);
    const header = (key: string) => mail.headerLines.find((line) => line.key === key)?.line;
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const link = /<(https:\/\/engage\.test\/api\/v1\/unsubscribe\?token=([^>]+))>/.exec(
      header('list-unsubscribe') ?? '',
    );
    expect(link).not.toBeNull();
    expect(link![0]).not.toContain('readers.test');

    await expect(harness.call(NotificationsRpc.unsubscribe, { token: link![2] })).resolves.toEqual({
      unsubscribed: true,
    });
    const later = await harness.publish(CommentPublishedV1, reply(email));
    // The event was handled by the comments consumer (its inbox entry exists) and recorded no delivery.
    await harness.until(
      async () =>
        (await harness.count('inbox_entry', 'event_id = $1 and consumer = $2', [
          later,
          NotificationSubscriptions.comments.durable,
        ])) === 1,
      'the second reply to be handled',
    );
    expect(await harness.count('delivery', 'event_id = $1', [later])).toBe(0);
    expect(harness.smtp.to(email)).toHaveLength(1);
    // Once sent, the reader's address is no longer kept.
    const rows = await harness.rows<{ address: string | null }>(
      `select address from notifications.delivery where recipient_key like 'reader:%' and status = 'sent'`,
    );
    expect(rows.every((row) => row.address === null)).toBe(true);
  });

  it('refuses a forged unsubscribe token with a 400 naming the token', async () => {
    await expect(harness.call(NotificationsRpc.unsubscribe, { token: 'abc.def' })).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'token', message: expect.any(String) }],
    });
  });

  it('tells moderators of held comments in-app at once and by email once per window, listing both', async () => {
    const moderator = await harness.staff(['moderator']);
    const admin = await harness.staff(['admin'], 'en');
    const held = (articleId: string) =>
      Object.assign(new CommentHeldV1(), {
        commentId: randomUUID(),
        articleId,
        reasons: ['suspect_word'] as const,
      });
    await harness.publish(CommentHeldV1, held('story-a'));
    await harness.publish(CommentHeldV1, held('story-b'));
    await harness.until(async () => {
      const page = await harness.call(NotificationsRpc.feed, { caller: moderator.caller, query: {} });
      return page.items.length === 2;
    }, 'both entries in the feed');
    const feed = await harness.call(NotificationsRpc.feed, { caller: admin.caller, query: {} });
    expect(feed.items.map((item) => item.title)).toEqual([
      'A comment awaits review',
      'A comment awaits review',
    ]);
    expect(harness.smtp.to(moderator.email)).toHaveLength(0);

    // The window closes: one digest per moderator, however many copies gather it.
    const digests = harness.copies[0].app.get(DigestWorker);
    const closed = new Date(Date.now() + 61_000);
    await Promise.all([digests.gather(closed), digests.gather(closed)]);
    await harness.until(() => harness.smtp.to(moderator.email).length === 1, 'the digest');
    await harness.until(() => harness.smtp.to(admin.email).length === 1, "the admin's digest");
    const [digest] = harness.smtp.to(moderator.email);
    expect(digest.text).toContain('story-a');
    expect(digest.text).toContain('story-b');
    expect(harness.smtp.to(admin.email)[0].subject).toBe('Comments to review: 2');
    await digests.gather(closed);
    expect(harness.smtp.to(moderator.email)).toHaveLength(1);
  });

  it('tells editors, not moderators, of a closed poll, and no one who left the staff', async () => {
    const moderator = await harness.staff(['moderator']);
    const editor = await harness.staff(['editor']);
    const gone = await harness.staff(['editor']);
    await harness.publish(StaffAccountChangedV1, {
      staffId: gone.staffId,
      email: gone.email,
      roles: gone.roles,
      locale: 'ru',
      deleted: true,
    });
    await harness.until(
      async () => (await harness.count('recipient', 'staff_id = $1 and deleted', [gone.staffId])) === 1,
      'the deletion',
    );
    await harness.publish(
      PollClosedV1,
      Object.assign(new PollClosedV1(), {
        pollId: randomUUID(),
        question: 'Чай или кофе?',
        closedAt: new Date().toISOString(),
        totalVotes: 3,
        totalVoters: 3,
        options: [
          { id: randomUUID(), text: 'Чай', votes: 2, percent: 67 },
          { id: randomUUID(), text: 'Кофе', votes: 1, percent: 33 },
        ],
      }),
    );
    await harness.until(() => harness.smtp.to(editor.email).length === 1, "the editor's email");
    expect(harness.smtp.to(editor.email)[0].text).toContain('Чай: 2 (67%)');
    const unread = await harness.call(NotificationsRpc.unreadCount, { caller: editor.caller });
    expect(unread.unread).toBe(1);
    expect(harness.smtp.to(moderator.email)).toHaveLength(0);
    expect(harness.smtp.to(gone.email)).toHaveLength(0);
    expect(await harness.count('notification', 'staff_id = $1', [gone.staffId])).toBe(0);
  });
});

describe('email signed with DKIM', () => {
  const harness = new NotificationsHarness();
  beforeAll(() => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return harness.start({
      DKIM_DOMAIN: 'engage.test',
      DKIM_SELECTOR: 'mail2026',
      DKIM_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
  });
  afterAll(() => harness.stop());

  it('carries a DKIM signature for the configured domain and selector', async () => {
    const email = `signed-${harness.run}@readers.test`;
    await harness.publish(
      CommentPublishedV1,
      Object.assign(new CommentPublishedV1(), {
        commentId: randomUUID(),
        articleId: 'story-dkim',
        parentId: randomUUID(),
        replyToId: null,
        authorName: 'Reader',
        notify: { email, name: 'Ann', locale: 'en' as const },
      }),
    );
    await harness.until(() => harness.smtp.to(email).length === 1, 'the signed email');
    const signature = harness.smtp
      .to(email)[0]
      .headerLines.find((line) => line.key === 'dkim-signature')?.line;
    expect(signature).toMatch(/d=engage\.test;/);
    expect(signature).toMatch(/s=mail2026;/);
  });
});
