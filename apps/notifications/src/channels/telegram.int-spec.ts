import { TelegramRpc } from '@app/contracts';
import { waitFor } from '@test/support/wait-for';
import { ChannelsHarness } from '../testing/channels.harness';
import { FakeBotApi } from './testing/fake-bot-api';
import type { OutgoingMessage } from './delivery-channel';
import { LINK_REPLIES } from './telegram/domain/link-replies';
import { TelegramChannel } from './telegram/telegram.channel';
import { TelegramUpdatesPoller } from './telegram/telegram-updates.poller';

const message = (chatId: string, text = 'Комментарий ждёт проверки'): OutgoingMessage => ({
  deliveryId: '00000000-0000-4000-8000-000000000001',
  channel: 'telegram',
  address: chatId,
  subject: 'Новый комментарий на модерации',
  text,
  eventType: 'comment.held',
  occurredAt: new Date(),
});

describe('Telegram channel', () => {
  const bot = new FakeBotApi();
  const harness = new ChannelsHarness();
  let chat = 5000;

  beforeAll(async () => {
    await bot.start();
    await harness.start({
      TELEGRAM_BOT_TOKEN: bot.token,
      TELEGRAM_API_URL: bot.url,
      TELEGRAM_POLL_TIMEOUT_SECONDS: '1',
      TELEGRAM_TIMEOUT_MS: '2000',
      TELEGRAM_LINK_CODE_MINUTES: '5',
    });
  });
  afterAll(async () => {
    await harness.stop();
    await bot.stop();
  });

  const linkOf = async (staffId: string) =>
    (
      await harness.rows<{ chat: string | null }>(
        `select telegram_chat_id as chat from notifications.recipient where staff_id = $1`,
        [staffId],
      )
    )[0]?.chat ?? undefined;

  describe('linking a chat', () => {
    it('links the chat that sends the bot a fresh code to the staff member who asked for it, and says so there', async () => {
      const staff = await harness.recipient();
      const before = Date.now();
      const issued = await harness.call(TelegramRpc.linkCode, { caller: staff });
      expect(issued.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
      expect(issued.botUsername).toBe(bot.username);
      const expiresIn = Date.parse(issued.expiresAt) - before;
      expect(expiresIn).toBeGreaterThan(4.9 * 60_000);
      expect(expiresIn).toBeLessThanOrEqual(5 * 60_000 + 1000);

      const stored = await harness.rows<{ code_hash: string }>(
        `select code_hash from notifications.telegram_link_code`,
      );
      expect(stored.map((row) => row.code_hash)).not.toContain(issued.code);

      chat += 1;
      const updateId = bot.userSends(chat, `/start ${issued.code.toLowerCase()}`);
      await waitFor(async () => (await linkOf(staff.staffId!)) === String(chat), 10000, 'the chat linked');
      await waitFor(() => bot.sentTo(String(chat)).length > 0, 5000, 'the answer in the chat');
      expect(bot.sentTo(String(chat))).toEqual([LINK_REPLIES.linked]);
      const [state] = await harness.rows<{ next_offset: string }>(
        `select next_offset from notifications.telegram_poll_state`,
      );
      expect(Number(state.next_offset)).toBeGreaterThan(updateId);

      // Used once: the same code again links nothing more and is refused.
      const other = chat + 1000;
      bot.userSends(other, issued.code);
      await waitFor(() => bot.sentTo(String(other)).length > 0, 10000, 'the refusal');
      expect(bot.sentTo(String(other))).toEqual([LINK_REPLIES.unknownCode]);
      expect(await linkOf(staff.staffId!)).toBe(String(chat));
    });

    it('refuses an expired code and a code replaced by a newer one', async () => {
      const staff = await harness.recipient();
      const first = await harness.call(TelegramRpc.linkCode, { caller: staff });
      const second = await harness.call(TelegramRpc.linkCode, { caller: staff });
      chat += 1;
      bot.userSends(chat, first.code);
      await waitFor(() => bot.sentTo(String(chat)).length > 0, 10000, 'the refusal of the replaced code');
      expect(bot.sentTo(String(chat))).toEqual([LINK_REPLIES.unknownCode]);

      await harness.pg.query(
        `update notifications.telegram_link_code set expires_at = now() - interval '1 second' where staff_id = $1`,
        [staff.staffId],
      );
      bot.userSends(chat, second.code);
      await waitFor(() => bot.sentTo(String(chat)).length > 1, 10000, 'the refusal of the expired code');
      expect(bot.sentTo(String(chat))[1]).toBe(LINK_REPLIES.unknownCode);
      expect(await linkOf(staff.staffId!)).toBeUndefined();
    });

    it('tells someone who writes anything else how to link, and ignores group chats', async () => {
      const staff = await harness.recipient();
      const { code } = await harness.call(TelegramRpc.linkCode, { caller: staff });
      chat += 1;
      bot.userSends(-chat, code, 'group');
      bot.userSends(chat, 'hello');
      await waitFor(() => bot.sentTo(String(chat)).length > 0, 10000, 'the hint');
      expect(bot.sentTo(String(chat))).toEqual([LINK_REPLIES.howTo]);
      expect(bot.sentTo(String(-chat))).toEqual([]);
      expect(await linkOf(staff.staffId!)).toBeUndefined();
    });

    it('unlinks on request, and says when there was nothing to unlink', async () => {
      const staff = await harness.recipient();
      const { code } = await harness.call(TelegramRpc.linkCode, { caller: staff });
      chat += 1;
      bot.userSends(chat, code);
      await waitFor(async () => (await linkOf(staff.staffId!)) !== undefined, 10000, 'the link');
      expect(await harness.call(TelegramRpc.unlink, { caller: staff })).toEqual({ unlinked: true });
      expect(await linkOf(staff.staffId!)).toBeUndefined();
      expect(await harness.call(TelegramRpc.unlink, { caller: staff })).toEqual({ unlinked: false });
    });

    it('gives no code to someone the staff directory does not know yet', async () => {
      await expect(harness.call(TelegramRpc.linkCode, { caller: harness.staff() })).rejects.toMatchObject({
        status: 409,
        code: 'telegram_recipient_unknown',
      });
    });

    it('gives codes to staff only', async () => {
      const reader = { readerId: 'r-1', staffId: null, roles: [], addressHash: null, portalName: null };
      await expect(harness.call(TelegramRpc.linkCode, { caller: reader })).rejects.toMatchObject({
        status: 403,
        code: 'forbidden',
      });
    });

    it('lets one copy of the service read the updates at a time, and another take over when it stops', async () => {
      const second = await harness.startCopy({
        TELEGRAM_BOT_TOKEN: bot.token,
        TELEGRAM_API_URL: bot.url,
        TELEGRAM_POLL_TIMEOUT_SECONDS: '1',
      });
      const pollers = () => [harness.get(TelegramUpdatesPoller), harness.get(TelegramUpdatesPoller, second)];
      const staff = await harness.recipient();
      const { code } = await harness.call(TelegramRpc.linkCode, { caller: staff });
      chat += 1;
      bot.userSends(chat, code);
      await waitFor(async () => (await linkOf(staff.staffId!)) === String(chat), 10000, 'the link');
      await waitFor(() => bot.sentTo(String(chat)).length > 0, 5000, 'the answer in the chat');
      expect(pollers().filter((poller) => poller.reading)).toHaveLength(1);
      expect(bot.conflicts).toBe(0);
      expect(bot.sentTo(String(chat))).toEqual([LINK_REPLIES.linked]);

      const reader = pollers()[0].reading ? 'first' : 'second';
      if (reader === 'second') {
        await harness.stopCopy(second);
        return;
      }
      // The first copy stops reading as it stops; the second takes over.
      const first = harness.get(TelegramUpdatesPoller);
      await first.beforeApplicationShutdown();
      const later = await harness.recipient();
      const { code: laterCode } = await harness.call(TelegramRpc.linkCode, { caller: later });
      bot.userSends(chat + 1, laterCode);
      await waitFor(
        async () => (await linkOf(later.staffId!)) === String(chat + 1),
        15000,
        'the link by the second copy',
      );
      expect(harness.get(TelegramUpdatesPoller, second).reading).toBe(true);
      await harness.stopCopy(second);
    });
  });

  describe('sending', () => {
    let channel: TelegramChannel;
    const signal = new AbortController().signal;
    beforeAll(() => {
      channel = harness.get(TelegramChannel);
    });

    it('sends the subject and text to the chat', async () => {
      expect(await channel.send(message('900'), signal)).toEqual({
        kind: 'sent',
        detail: expect.stringMatching(/^message \d+$/),
      });
      expect(bot.sentTo('900')).toEqual(['Новый комментарий на модерации\n\nКомментарий ждёт проверки']);
    });

    it('waits as long as a 429 says', async () => {
      bot.answerNextSend('901', 429, {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 3',
        parameters: { retry_after: 3 },
      });
      expect(await channel.send(message('901'), signal)).toEqual({
        kind: 'retry',
        detail: 'Too Many Requests: retry after 3',
        afterMs: 3000,
      });
      expect(bot.sentTo('901')).toEqual([]);
    });

    it('reports a chat that blocked the bot as unreachable', async () => {
      bot.answerNextSend('902', 403, {
        ok: false,
        error_code: 403,
        description: 'Forbidden: bot was blocked by the user',
      });
      expect(await channel.send(message('902'), signal)).toEqual({
        kind: 'unreachable',
        detail: 'Forbidden: bot was blocked by the user',
      });
    });

    it('retries a server error and fails for good on a refused request', async () => {
      bot.answerNextSend('903', 502, { ok: false, error_code: 502, description: 'Bad Gateway' });
      expect((await channel.send(message('903'), signal)).kind).toBe('retry');
      bot.answerNextSend('903', 400, {
        ok: false,
        error_code: 400,
        description: 'Bad Request: chat not found',
      });
      expect(await channel.send(message('903'), signal)).toEqual({
        kind: 'failed',
        detail: 'Bad Request: chat not found',
      });
    });

    it('retries when the Bot API is not reachable, naming no URL (the token is in it)', async () => {
      const down = new FakeBotApi();
      await down.start();
      const url = down.url;
      await down.stop();
      const unreachable = await harness.startCopy({ TELEGRAM_BOT_TOKEN: bot.token, TELEGRAM_API_URL: url });
      try {
        const outcome = await harness.get(TelegramChannel, unreachable).send(message('904'), signal);
        expect(outcome.kind).toBe('retry');
        expect(outcome.detail).toBe('Bot API not reachable: ECONNREFUSED');
        expect(outcome.detail).not.toContain(bot.token);
      } finally {
        await harness.stopCopy(unreachable);
      }
    });
  });
});
