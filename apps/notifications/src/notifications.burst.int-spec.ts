import { randomUUID } from 'node:crypto';
import { JSONCodec } from 'nats';
import { FEED_CHANGED_SIGNAL, FeedChangedSignal, NotificationsRpc, PollClosedV1 } from '@app/contracts';
import { NotificationsHarness } from './testing/notifications.harness';

const BURST = 80;

const closedPoll = (question: string): PollClosedV1 =>
  Object.assign(new PollClosedV1(), {
    pollId: randomUUID(),
    question,
    closedAt: new Date().toISOString(),
    totalVotes: 0,
    totalVoters: 0,
    options: [],
  });

describe('a burst of events', () => {
  const harness = new NotificationsHarness();
  // Small batches, so a burst of 80 spans several of them.
  beforeAll(() => harness.start({ EVENT_BATCH_MAX: '16' }));
  afterAll(() => harness.stop());

  it('gives each editor one feed entry, one signal and one email per event, with repeats and a bad event among them', async () => {
    const editors = [await harness.staff(['editor']), await harness.staff(['editor'], 'en')];
    const moderator = await harness.staff(['moderator']);
    const heard: FeedChangedSignal[] = [];
    const codec = JSONCodec<FeedChangedSignal>();
    const subscription = harness.nc.subscribe(harness.namespace.subject(FEED_CHANGED_SIGNAL));
    void (async () => {
      for await (const message of subscription) heard.push(codec.decode(message.data));
    })();

    const ids: string[] = [];
    for (let i = 0; i < BURST; i += 1) {
      ids.push(await harness.publish(PollClosedV1, closedPoll(`burst-${harness.run}-${i}`)));
      // A relay that published some twice, and a publisher that broke the contract once.
      if (i % 10 === 3) await harness.publish(PollClosedV1, closedPoll('repeat'), ids[i - 1]);
      if (i === 40) await harness.publish(PollClosedV1, { question: 'no poll id' } as PollClosedV1);
    }

    for (const editor of editors) {
      await harness.until(
        () => harness.smtp.to(editor.email).length === BURST,
        `${BURST} emails to ${editor.email}`,
        60000,
      );
    }
    await harness.until(
      async () => (await harness.count('delivery', "status <> 'sent'")) === 0,
      'every delivery recorded',
    );
    await harness.until(
      () => editors.every((editor) => signalled(editor.staffId).length === BURST),
      'a signal per entry',
    );

    for (const editor of editors) {
      const subjects = harness.smtp.to(editor.email).map((mail) => mail.subject ?? '');
      expect(new Set(subjects).size).toBe(BURST);
      expect(subjects.filter((subject) => subject.includes('repeat'))).toEqual([]);
      const unread = await harness.call(NotificationsRpc.unreadCount, { caller: editor.caller });
      expect(unread.unread).toBe(BURST);
      const entries = signalled(editor.staffId).map((signal) => signal.notification!.id);
      expect(new Set(entries).size).toBe(BURST);
      // Every entry's signal carries a count that includes it; the last ones count them all.
      expect(Math.max(...signalled(editor.staffId).map((signal) => signal.unread))).toBe(BURST);
    }
    // Events that came together were handled together: a transaction's entries share its now().
    const [{ transactions }] = await harness.rows<{ transactions: string }>(
      `select count(distinct processed_at) as transactions from notifications.inbox_entry
        where consumer = 'notifications-polls'`,
    );
    expect(Number(transactions)).toBeLessThan(BURST);
    expect(harness.smtp.to(moderator.email)).toHaveLength(0);
    expect(await harness.count('notification', 'staff_id = $1', [moderator.staffId])).toBe(0);
    expect(await harness.count('delivery')).toBe(BURST * editors.length);
    const letters = await harness.rows<{ error: string }>(
      `select error from notifications.dead_letter where consumer = 'notifications-polls'`,
    );
    expect(letters).toHaveLength(1);
    expect(letters[0].error).toMatch(/^poll\.closed v1 is not valid: /);

    function signalled(staffId: string): FeedChangedSignal[] {
      return heard.filter((signal) => signal.staffId === staffId && signal.notification);
    }
  });
});
