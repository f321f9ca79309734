import { randomUUID } from 'node:crypto';
import { CommentPublishedV1, NotificationsRpc, PollClosedV1 } from '@app/contracts';
import { NotificationsHarness, StaffMember } from './testing/notifications.harness';

const replyTo = (email: string): CommentPublishedV1 =>
  Object.assign(new CommentPublishedV1(), {
    commentId: randomUUID(),
    articleId: 'story-2',
    parentId: randomUUID(),
    replyToId: null,
    authorName: 'Reader',
    notify: { email, name: 'Ann', locale: 'en' as const },
  });

const pollClosed = (): PollClosedV1 =>
  Object.assign(new PollClosedV1(), {
    pollId: randomUUID(),
    question: 'Tea or coffee?',
    closedAt: new Date().toISOString(),
    totalVotes: 0,
    totalVoters: 0,
    options: [],
  });

describe('delivery reliability', () => {
  const harness = new NotificationsHarness();
  let admin: StaffMember;
  beforeAll(async () => {
    await harness.start({ EMAIL_MAX_ATTEMPTS: '30' });
    await harness.startCopy();
    admin = await harness.staff(['admin']);
  });
  afterAll(() => harness.stop());

  it('sends one message per recipient and channel when two copies see an event three times', async () => {
    const editors = [await harness.staff(['editor']), await harness.staff(['editor'])];
    const event = pollClosed();
    const id = randomUUID();
    await Promise.all([1, 2, 3].map(() => harness.publish(PollClosedV1, event, id)));
    for (const editor of editors) {
      await harness.until(() => harness.smtp.to(editor.email).length === 1, "an editor's email");
    }
    // Every copy of the event has been handled or dropped by now: the stream holds no more for it.
    await harness.until(
      async () => (await harness.count('delivery', "event_id = $1 and status = 'sent'", [id])) === 3,
      'every delivery of the event sent (two editors and the admin)',
    );
    for (const editor of editors) {
      expect(harness.smtp.to(editor.email)).toHaveLength(1);
      expect(
        await harness.count('notification', 'staff_id = $1 and event_id = $2', [editor.staffId, id]),
      ).toBe(1);
    }
  });

  it('keeps retrying while the server answers 451 and delivers once it accepts', async () => {
    const email = `later-${harness.run}@readers.test`;
    harness.smtp.refuseWith((to) => (to === email ? { code: 451, message: 'try again later' } : undefined));
    const refusedBefore = harness.smtp.refusals;
    const id = await harness.publish(CommentPublishedV1, replyTo(email));
    await harness.until(() => harness.smtp.refusals >= refusedBefore + 3, 'three refusals');
    expect(harness.smtp.to(email)).toHaveLength(0);
    harness.smtp.refuseWith(undefined);
    await harness.until(() => harness.smtp.to(email).length === 1, 'the delivery after the refusals');
    await harness.until(
      async () => (await harness.count('delivery', "event_id = $1 and status = 'sent'", [id])) === 1,
      'the sending recorded',
    );
    const attempts = await harness.rows<{ outcome: string; detail: string }>(
      `select a.outcome, a.detail from notifications.delivery_attempt a
         join notifications.delivery d on d.id = a.delivery_id where d.event_id = $1 order by a.at`,
      [id],
    );
    expect(attempts.at(-1)?.outcome).toBe('sent');
    expect(attempts.filter((attempt) => attempt.outcome === 'retry').length).toBeGreaterThanOrEqual(3);
    expect(attempts.find((attempt) => attempt.outcome === 'retry')?.detail).toMatch(/^451/);
    expect(JSON.stringify(attempts)).not.toContain(email);
  });

  it('marks a 550 as failed, shows it to admins with the answer, and sends it when an admin retries', async () => {
    const email = `bounce-${harness.run}@readers.test`;
    harness.smtp.refuseWith((to) =>
      to === email ? { code: 550, message: `no such user ${email}` } : undefined,
    );
    const id = await harness.publish(CommentPublishedV1, replyTo(email));
    await harness.until(
      async () => (await harness.count('delivery', "event_id = $1 and status = 'failed'", [id])) === 1,
      'the failed delivery',
    );
    const failed = await harness.call(NotificationsRpc.deliveries, {
      caller: admin.caller,
      query: { status: 'failed' },
    });
    const delivery = failed.items.find((item) => item.eventId === id)!;
    expect(delivery).toMatchObject({ channel: 'email', status: 'failed', eventType: 'comment.published' });
    expect(delivery.attempts).toEqual([
      { at: expect.any(String), outcome: 'failed', detail: expect.stringMatching(/^550/) },
    ]);
    expect(JSON.stringify(failed)).not.toContain(email);

    await expect(
      harness.call(NotificationsRpc.retryDelivery, {
        caller: { ...admin.caller, roles: ['editor'] },
        deliveryId: delivery.id,
      }),
    ).rejects.toMatchObject({ status: 403 });
    harness.smtp.refuseWith(undefined);
    const retried = await harness.call(NotificationsRpc.retryDelivery, {
      caller: admin.caller,
      deliveryId: delivery.id,
    });
    expect(retried.status).toBe('pending');
    await harness.until(() => harness.smtp.to(email).length === 1, 'the retried delivery');
    await harness.until(
      async () => (await harness.count('delivery', "event_id = $1 and status = 'sent'", [id])) === 1,
      'the sending recorded',
    );
    await expect(
      harness.call(NotificationsRpc.retryDelivery, { caller: admin.caller, deliveryId: delivery.id }),
    ).rejects.toMatchObject({ status: 409 });
    const sent = await harness.call(NotificationsRpc.deliveries, {
      caller: admin.caller,
      query: { status: 'sent' },
    });
    expect(sent.items.find((item) => item.id === delivery.id)?.attempts.map((a) => a.outcome)).toEqual([
      'failed',
      'sent',
    ]);
  });

  it('answers 404 for retrying an unknown delivery', async () => {
    await expect(
      harness.call(NotificationsRpc.retryDelivery, { caller: admin.caller, deliveryId: randomUUID() }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe('a bounded channel', () => {
  const harness = new NotificationsHarness();
  beforeAll(() => harness.start({ EMAIL_MAX_ATTEMPTS: '2' }));
  afterAll(() => harness.stop());

  it('gives up after the attempts the channel allows, and not before', async () => {
    harness.smtp.refuseWith(() => ({ code: 421, message: 'busy' }));
    const id = await harness.publish(CommentPublishedV1, replyTo(`never-${harness.run}@readers.test`));
    await harness.until(
      async () => (await harness.count('delivery', "event_id = $1 and status = 'failed'", [id])) === 1,
      'the delivery to fail after two attempts',
    );
    expect(await harness.count('delivery_attempt', 'true')).toBe(2);
    expect(harness.smtp.refusals).toBe(2);
  });
});
