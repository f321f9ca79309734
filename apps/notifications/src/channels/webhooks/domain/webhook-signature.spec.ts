import { Webhook } from 'standardwebhooks';
import { isWebhookSecret } from '@app/contracts';
import { newWebhookSecret, signWebhook } from './webhook-signature';

describe('signWebhook', () => {
  const body = JSON.stringify({ type: 'poll.closed', data: { pollId: 'p-1' } });

  it('signs so that the Standard Webhooks library verifies it', () => {
    const secret = newWebhookSecret();
    const headers = signWebhook('delivery-1', new Date(), body, secret);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('matches the reference implementation byte for byte', () => {
    const secret = newWebhookSecret();
    const at = new Date('2026-11-30T12:00:00Z');
    const headers = signWebhook('msg_1', at, body, secret);
    expect(headers['webhook-timestamp']).toBe('1796040000');
    expect(headers['webhook-signature']).toBe(new Webhook(secret).sign('msg_1', at, body));
  });

  it('fails verification with another secret or a changed body', () => {
    const headers = signWebhook('delivery-2', new Date(), body, newWebhookSecret());
    expect(() => new Webhook(newWebhookSecret()).verify(body, { ...headers })).toThrow();
  });
});

describe('newWebhookSecret', () => {
  it('makes distinct secrets of the form the contract accepts', () => {
    const first = newWebhookSecret();
    expect(isWebhookSecret(first)).toBe(true);
    expect(newWebhookSecret()).not.toBe(first);
  });
});

describe('isWebhookSecret', () => {
  const of = (bytes: number) => `whsec_${Buffer.alloc(bytes, 7).toString('base64')}`;

  it('accepts 24 to 64 bytes of base64 after whsec_', () => {
    expect([23, 24, 64, 65].map((bytes) => isWebhookSecret(of(bytes)))).toEqual([false, true, true, false]);
  });

  it('refuses other prefixes and text that is not base64', () => {
    expect(isWebhookSecret(of(32).replace('whsec_', 'secret_'))).toBe(false);
    expect(isWebhookSecret('whsec_' + 'é'.repeat(40))).toBe(false);
    expect(isWebhookSecret(42)).toBe(false);
  });
});
