import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { NotificationsRpc, PollClosedV1, TelegramRpc, WebhooksRpc } from '@app/contracts';
import { NotificationsHarness } from '../testing/notifications.harness';
import { FakeBotApi } from './testing/fake-bot-api';
import { WebhookReceiver } from './testing/webhook-receiver';

const pollClosed = (question = 'Где построить мост?'): PollClosedV1 =>
  Object.assign(new PollClosedV1(), {
    pollId: randomUUID(),
    question,
    closedAt: new Date().toISOString(),
    totalVotes: 3,
    totalVoters: 3,
    options: [{ id: randomUUID(), text: 'У вокзала', votes: 3, percent: 100 }],
  });

interface DeliveryRow {
  id: string;
  status: string;
  recipient_key: string;
  channel: string;
}

/**
 * The Telegram and webhook channels behind the delivery workers: events published to JetStream, the
 * consumers recording deliveries, the workers sending them to a Bot API server and HTTP receivers
 * started by the test.
 */
describe('Telegram and webhook deliveries', () => {
  const bot = new FakeBotApi();
  const harness = new NotificationsHarness();
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    await bot.start();
    await harness.start({
      TELEGRAM_BOT_TOKEN: bot.token,
      TELEGRAM_API_URL: bot.url,
      TELEGRAM_POLL_TIMEOUT_SECONDS: '1',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    });
  });
  afterAll(async () => {
    await harness.stop();
    await bot.stop();
    await Promise.all(receivers.map((receiver) => receiver.stop()));
  });

  const receiver = async () => {
    const started = await new WebhookReceiver().start();
    receivers.push(started);
    return started;
  };

  const deliveries = (eventId: string) =>
    harness.rows<DeliveryRow>(
      `select id, status, recipient_key, channel from notifications.delivery where event_id = $1 order by recipient_key`,
      [eventId],
    );

  const attempts = (deliveryId: string) =>
    harness.rows<{ outcome: string; detail: string }>(
      `select outcome, detail from notifications.delivery_attempt where delivery_id = $1 order by at`,
      [deliveryId],
    );

  describe('webhooks', () => {
    it('posts an event once to each enabled endpoint subscribed to its type, signed, and to no other', async () => {
      const admin = await harness.staff(['admin']);
      const polls = await receiver();
      const comments = await receiver();
      const forPolls = await harness.call(WebhooksRpc.create, {
        caller: admin.caller,
        endpoint: { url: polls.url, events: ['poll.closed'] },
      });
      await harness.call(WebhooksRpc.create, {
        caller: admin.caller,
        endpoint: { url: comments.url, events: ['comment.held'] },
      });
      const event = pollClosed();
      const eventId = await harness.publish(PollClosedV1, event);
      await harness.until(
        async () =>
          (await deliveries(eventId)).some((row) => row.channel === 'webhook' && row.status === 'sent'),
        'the webhook delivery',
      );
      const [delivery] = (await deliveries(eventId)).filter((row) => row.channel === 'webhook');
      expect(delivery.recipient_key).toBe(`webhook:${forPolls.id}`);
      expect(polls.received).toHaveLength(1);
      const [posted] = polls.received;
      expect(posted.headers['webhook-id']).toBe(delivery.id);
      const payload = new Webhook(forPolls.secret).verify(posted.body, {
        'webhook-id': String(posted.headers['webhook-id']),
        'webhook-timestamp': String(posted.headers['webhook-timestamp']),
        'webhook-signature': String(posted.headers['webhook-signature']),
      });
      expect(payload).toMatchObject({
        type: 'poll.closed',
        version: 1,
        eventId,
        data: { pollId: event.pollId, question: 'Где построить мост?', totalVotes: 3 },
      });
      expect(comments.received).toHaveLength(0);

      // The same event again (a redelivery) adds no delivery and posts nothing more.
      await harness.publish(PollClosedV1, event, eventId);
      await harness.until(
        async () => (await harness.count('inbox_entry', 'event_id = $1', [eventId])) >= 1,
        'the repeat to be handled',
      );
      expect((await deliveries(eventId)).filter((row) => row.channel === 'webhook')).toHaveLength(1);
      expect(polls.received).toHaveLength(1);
    });

    it('retries a receiver that answers 500, then delivers once, with both attempts on record', async () => {
      const admin = await harness.staff(['admin']);
      const flaky = (await receiver()).answerWith(500);
      const endpoint = await harness.call(WebhooksRpc.create, {
        caller: admin.caller,
        endpoint: { url: flaky.url, events: ['poll.closed'] },
      });
      const eventId = await harness.publish(PollClosedV1, pollClosed());
      await harness.until(
        async () =>
          (await deliveries(eventId)).some(
            (row) => row.recipient_key === `webhook:${endpoint.id}` && row.status === 'sent',
          ),
        'the delivery after a retry',
      );
      const delivery = (await deliveries(eventId)).find(
        (row) => row.recipient_key === `webhook:${endpoint.id}`,
      )!;
      expect(await attempts(delivery.id)).toEqual([
        { outcome: 'retry', detail: 'HTTP 500: answered 500' },
        { outcome: 'sent', detail: 'HTTP 200: answered 200' },
      ]);
      expect(flaky.received.map((request) => request.headers['webhook-id'])).toEqual([
        delivery.id,
        delivery.id,
      ]);
      const page = await harness.call(NotificationsRpc.deliveries, {
        caller: admin.caller,
        query: { status: 'sent' },
      });
      expect(
        page.items.find((item) => item.id === delivery.id)?.attempts.map((attempt) => attempt.outcome),
      ).toEqual(['retry', 'sent']);
    });

    it('disables an endpoint that answers 410 and tells the admins in-app, and no one else', async () => {
      const admin = await harness.staff(['admin'], 'en');
      const editor = await harness.staff(['editor']);
      const gone = (await receiver()).answerWith(410);
      const endpoint = await harness.call(WebhooksRpc.create, {
        caller: admin.caller,
        endpoint: { url: gone.url, events: ['poll.closed'] },
      });
      const eventId = await harness.publish(PollClosedV1, pollClosed());
      await harness.until(
        async () =>
          (await deliveries(eventId)).some(
            (row) => row.recipient_key === `webhook:${endpoint.id}` && row.status === 'failed',
          ),
        'the refused delivery',
      );
      const listed = await harness.call(WebhooksRpc.list, { caller: admin.caller });
      expect(listed.items.find((item) => item.id === endpoint.id)).toMatchObject({
        enabled: false,
        disabledReason: 'the receiver answered 410 Gone',
      });
      await harness.until(
        async () =>
          (await harness.count('notification', "type = 'webhook.disabled' and staff_id = $1", [
            admin.staffId,
          ])) === 1,
        "the admin's notice",
      );
      const feed = await harness.call(NotificationsRpc.feed, { caller: admin.caller, query: {} });
      expect(feed.items.find((item) => item.type === 'webhook.disabled')).toMatchObject({
        title: 'Webhook endpoint disabled',
        body: expect.stringContaining(gone.url),
      });
      expect(
        await harness.count('notification', "type = 'webhook.disabled' and staff_id = $1", [editor.staffId]),
      ).toBe(0);

      // Later events skip the disabled endpoint.
      const later = await harness.publish(PollClosedV1, pollClosed());
      await harness.until(
        async () => (await harness.count('inbox_entry', 'event_id = $1', [later])) >= 2,
        'the later event to be handled',
      );
      expect(
        (await deliveries(later)).filter((row) => row.recipient_key === `webhook:${endpoint.id}`),
      ).toEqual([]);
    });
  });

  describe('Telegram', () => {
    let chat = 70000;

    async function linked(roles: Parameters<typeof harness.staff>[0]) {
      const member = await harness.staff(roles);
      const { code } = await harness.call(TelegramRpc.linkCode, { caller: member.caller });
      chat += 1;
      const chatId = String(chat);
      bot.userSends(chat, code);
      await harness.until(
        async () =>
          (await harness.count('recipient', 'staff_id = $1 and telegram_chat_id = $2', [
            member.staffId,
            chatId,
          ])) === 1,
        'the linked chat',
      );
      await harness.until(() => bot.sentTo(chatId).length === 1, 'the answer to the code');
      return { member, chatId };
    }

    it('sends a notice to a linked chat of a staff member whose preference has Telegram on, and not when it is off', async () => {
      const { member: on, chatId: onChat } = await linked(['editor']);
      const { member: off, chatId: offChat } = await linked(['editor']);
      await harness.call(NotificationsRpc.updatePreferences, {
        caller: off.caller,
        preferences: { items: [{ type: 'poll.closed', inApp: true, email: true, telegram: false }] },
      });
      const eventId = await harness.publish(PollClosedV1, pollClosed('Какой парк открыть?'));
      await harness.until(() => bot.sentTo(onChat).length === 2, 'the Telegram message');
      expect(bot.sentTo(onChat)[1]).toContain('Какой парк открыть?');
      const rows = await deliveries(eventId);
      expect(rows.filter((row) => row.channel === 'telegram').map((row) => row.recipient_key)).toEqual([
        `staff:${on.staffId}`,
      ]);
      expect(bot.sentTo(offChat)).toHaveLength(1);
    });

    it('unlinks a chat that blocked the bot and tells the person in-app', async () => {
      const { member, chatId } = await linked(['editor']);
      bot.answerNextSend(chatId, 403, {
        ok: false,
        error_code: 403,
        description: 'Forbidden: bot was blocked by the user',
      });
      const eventId = await harness.publish(PollClosedV1, pollClosed());
      await harness.until(
        async () =>
          (await deliveries(eventId)).some(
            (row) =>
              row.recipient_key === `staff:${member.staffId}` &&
              row.channel === 'telegram' &&
              row.status === 'failed',
          ),
        'the refused Telegram delivery',
      );
      expect(
        await harness.count('recipient', 'staff_id = $1 and telegram_chat_id is null', [member.staffId]),
      ).toBe(1);
      await harness.until(
        async () =>
          (await harness.count('notification', "type = 'telegram.unlinked' and staff_id = $1", [
            member.staffId,
          ])) === 1,
        'the in-app notice',
      );
    });

    it('waits as long as a 429 says before trying again', async () => {
      const { member, chatId } = await linked(['editor']);
      bot.answerNextSend(chatId, 429, {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      });
      const eventId = await harness.publish(PollClosedV1, pollClosed('Повтор через секунду?'));
      await harness.until(() => bot.sentTo(chatId).length === 2, 'the message after the wait');
      const telegramDelivery = async () =>
        (await deliveries(eventId)).find(
          (row) => row.recipient_key === `staff:${member.staffId}` && row.channel === 'telegram',
        );
      await harness.until(async () => (await telegramDelivery())?.status === 'sent', 'the delivery sent');
      const delivery = (await telegramDelivery())!;
      const timed = await harness.rows<{ outcome: string; at: Date }>(
        `select outcome, at from notifications.delivery_attempt where delivery_id = $1 order by at`,
        [delivery.id],
      );
      expect(timed.map((row) => row.outcome)).toEqual(['retry', 'sent']);
      expect(timed[1].at.getTime() - timed[0].at.getTime()).toBeGreaterThanOrEqual(900);
    });
  });
});
