import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { WebhooksRpc } from '@app/contracts';
import { ChannelsHarness } from '../testing/channels.harness';
import type { OutgoingMessage } from './delivery-channel';
import { WebhookReceiver } from './testing/webhook-receiver';
import { postPinned } from './webhooks/pinned-post';
import { WebhookChannel } from './webhooks/webhook.channel';

const event = (endpointId: string, deliveryId = randomUUID()): OutgoingMessage => ({
  deliveryId,
  channel: 'webhook',
  address: endpointId,
  subject: 'poll.closed',
  text: '',
  payload: {
    id: randomUUID(),
    type: 'poll.closed',
    version: 1,
    occurredAt: '2026-11-30T12:00:00.000Z',
    data: { pollId: randomUUID(), question: 'Ваш прогноз?' },
  },
  eventType: 'poll.closed',
  occurredAt: new Date('2026-11-30T12:00:00Z'),
});

describe('webhooks', () => {
  const harness = new ChannelsHarness();
  const receiver = new WebhookReceiver();
  const signal = new AbortController().signal;
  let channel: WebhookChannel;

  beforeAll(async () => {
    await receiver.start();
    await harness.start({
      WEBHOOK_TIMEOUT_MS: '500',
      WEBHOOK_DISABLE_AFTER_HOURS: '24',
      WEBHOOK_ENDPOINTS_MAX: '3',
    });
    channel = harness.get(WebhookChannel);
  });
  afterAll(async () => {
    await harness.stop();
    await receiver.stop();
  });
  beforeEach(() => harness.pg.query(`delete from notifications.webhook_endpoint`));

  const add = (admin = harness.staff('admin'), url = receiver.url, secret?: string) =>
    harness.call(WebhooksRpc.create, {
      caller: admin,
      endpoint: { url, events: ['poll.closed', 'comment.held'], ...(secret ? { secret } : {}) },
    });

  const endpointRow = async (id: string) =>
    (
      await harness.rows<{ enabled: boolean; disabled_reason: string | null; failing_since: Date | null }>(
        `select enabled, disabled_reason, failing_since from notifications.webhook_endpoint where id = $1`,
        [id],
      )
    )[0];

  describe('endpoints', () => {
    it('makes up a whsec_ secret, shows it once, and lists the endpoint without it', async () => {
      const admin = harness.staff('admin');
      const created = await add(admin);
      expect(created).toMatchObject({
        url: receiver.url,
        events: ['poll.closed', 'comment.held'],
        enabled: true,
        disabledReason: null,
        failingSince: null,
      });
      expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      const listed = await harness.call(WebhooksRpc.list, { caller: admin });
      expect(listed.items).toEqual([
        {
          id: created.id,
          url: receiver.url,
          events: ['poll.closed', 'comment.held'],
          enabled: true,
          disabledReason: null,
          failingSince: null,
          createdAt: created.createdAt,
        },
      ]);
      expect(JSON.stringify(listed)).not.toContain(created.secret);
    });

    it('keeps a secret the admin gives', async () => {
      const secret = `whsec_${Buffer.alloc(24, 9).toString('base64')}`;
      expect((await add(undefined, receiver.url, secret)).secret).toBe(secret);
    });

    it('is for admins only', async () => {
      const editor = harness.staff('editor');
      await expect(harness.call(WebhooksRpc.list, { caller: editor })).rejects.toMatchObject({ status: 403 });
      await expect(add(editor)).rejects.toMatchObject({ status: 403 });
      expect(await harness.rows(`select id from notifications.webhook_endpoint`)).toEqual([]);
    });

    it('refuses a bad secret and an unknown event type, naming the field', async () => {
      await expect(add(undefined, receiver.url, 'whsec_short')).rejects.toMatchObject({
        status: 400,
        errors: [expect.objectContaining({ field: 'endpoint.secret' })],
      });
      await expect(
        harness.call(WebhooksRpc.create, {
          caller: harness.staff('admin'),
          endpoint: { url: receiver.url, events: ['staff.account_changed' as 'poll.closed'] },
        }),
      ).rejects.toMatchObject({
        status: 400,
        errors: [expect.objectContaining({ field: 'endpoint.events' })],
      });
    });

    it('deletes an endpoint, then knows it no more', async () => {
      const admin = harness.staff('admin');
      const { id } = await add(admin);
      expect(await harness.call(WebhooksRpc.delete, { caller: admin, id })).toEqual({ id });
      await expect(harness.call(WebhooksRpc.delete, { caller: admin, id })).rejects.toMatchObject({
        status: 404,
        code: 'webhook_not_found',
      });
      expect(await channel.send(event(id), signal)).toEqual({
        kind: 'failed',
        detail: 'the endpoint was deleted',
      });
    });

    it('takes up to WEBHOOK_ENDPOINTS_MAX endpoints', async () => {
      await Promise.all([add(), add(), add()]);
      await expect(add()).rejects.toMatchObject({ status: 409, code: 'webhook_limit_reached' });
      expect(await harness.rows(`select id from notifications.webhook_endpoint`)).toHaveLength(3);
    });
  });

  describe('sending', () => {
    it('posts the event signed per Standard Webhooks, with the delivery id as webhook-id', async () => {
      const { id, secret } = await add();
      const message = event(id);
      const before = receiver.received.length;
      const outcome = await channel.send(message, signal);
      expect(outcome).toEqual({ kind: 'sent', detail: 'HTTP 200: answered 200' });
      const [delivered] = receiver.received.slice(before);
      expect(delivered.headers['webhook-id']).toBe(message.deliveryId);
      expect(delivered.headers['content-type']).toBe('application/json');
      const verified = new Webhook(secret).verify(delivered.body, {
        'webhook-id': String(delivered.headers['webhook-id']),
        'webhook-timestamp': String(delivered.headers['webhook-timestamp']),
        'webhook-signature': String(delivered.headers['webhook-signature']),
      });
      expect(verified).toEqual(message.payload);
    });

    it('retries what the receiver refuses, and an answer that does not come in time', async () => {
      const { id } = await add();
      receiver.answerWith(500, 404);
      expect(await channel.send(event(id), signal)).toEqual({
        kind: 'retry',
        detail: 'HTTP 500: answered 500',
      });
      expect(await channel.send(event(id), signal)).toEqual({
        kind: 'retry',
        detail: 'HTTP 404: answered 404',
      });
      expect((await endpointRow(id)).failing_since).not.toBeNull();
      expect(await channel.send(event(id), signal)).toMatchObject({ kind: 'sent' });
      expect((await endpointRow(id)).failing_since).toBeNull();

      const slow = await new WebhookReceiver().start();
      try {
        slow.hang();
        const { id: slowId } = await add(undefined, slow.url);
        expect(await channel.send(event(slowId), signal)).toEqual({
          kind: 'retry',
          detail: 'no answer within 500 ms',
        });
      } finally {
        await slow.stop();
      }
    });

    it('disables an endpoint that answers 410 Gone', async () => {
      const { id } = await add();
      receiver.answerWith(410);
      expect(await channel.send(event(id), signal)).toEqual({
        kind: 'failed',
        detail: 'HTTP 410: answered 410 (endpoint disabled)',
      });
      expect(await endpointRow(id)).toMatchObject({
        enabled: false,
        disabled_reason: 'the receiver answered 410 Gone',
      });
      const before = receiver.received.length;
      expect(await channel.send(event(id), signal)).toEqual({
        kind: 'failed',
        detail: 'the endpoint is disabled (the receiver answered 410 Gone)',
      });
      expect(receiver.received.length).toBe(before);
    });

    it('disables an endpoint once it has failed for WEBHOOK_DISABLE_AFTER_HOURS, not before', async () => {
      const { id } = await add();
      await harness.pg.query(
        `update notifications.webhook_endpoint set failing_since = now() - interval '23 hours 59 minutes' where id = $1`,
        [id],
      );
      receiver.answerWith(503);
      expect((await channel.send(event(id), signal)).kind).toBe('retry');
      await harness.pg.query(
        `update notifications.webhook_endpoint set failing_since = now() - interval '24 hours' where id = $1`,
        [id],
      );
      receiver.answerWith(503);
      expect(await channel.send(event(id), signal)).toEqual({
        kind: 'failed',
        detail: 'HTTP 503: answered 503 (endpoint disabled)',
      });
      expect(await endpointRow(id)).toMatchObject({
        enabled: false,
        disabled_reason: 'every attempt failed for 24 hours',
      });
    });

    it('connects to the address it checked, whatever the name resolves to by then', async () => {
      const before = receiver.received.length;
      const answer = await postPinned(
        {
          url: new URL(`http://rebound.invalid:${receiver.port}/hooks`),
          address: { address: '127.0.0.1', family: 4 },
        },
        '{}',
        {},
        signal,
      );
      expect(answer.status).toBe(200);
      expect(receiver.received.slice(before).map((request) => request.headers.host)).toEqual([
        `rebound.invalid:${receiver.port}`,
      ]);
    });
  });

  describe('with private networks refused (the default)', () => {
    const guarded = new ChannelsHarness();
    beforeAll(() => guarded.start({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' }));
    afterAll(() => guarded.stop());

    it('refuses a URL whose host resolves to loopback, naming the url field, and stores nothing', async () => {
      for (const url of [receiver.url, `http://localhost:${receiver.port}/`, 'http://[::ffff:127.0.0.1]/']) {
        await expect(
          guarded.call(WebhooksRpc.create, {
            caller: guarded.staff('admin'),
            endpoint: { url, events: ['poll.closed'] },
          }),
        ).rejects.toMatchObject({
          status: 422,
          code: 'webhook_url_refused',
          errors: [{ field: 'url', message: expect.stringContaining('loopback') }],
        });
      }
      expect(await guarded.rows(`select id from notifications.webhook_endpoint`)).toEqual([]);
    });

    it('checks again at send time: an endpoint that now resolves to a private address gets nothing', async () => {
      const id = randomUUID();
      await guarded.pg.query(
        `insert into notifications.webhook_endpoint (id, url, events, secret, created_by, created_at)
         values ($1, $2, '{poll.closed}', $3, 'admin', now())`,
        [id, receiver.url, `whsec_${Buffer.alloc(32, 1).toString('base64')}`],
      );
      const before = receiver.received.length;
      expect(await guarded.get(WebhookChannel).send(event(id), signal)).toEqual({
        kind: 'retry',
        detail: 'refused: its host resolves to a loopback address',
      });
      expect(receiver.received.length).toBe(before);
    });
  });
});
