import { createHmac, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/** A new signing secret: 32 random bytes, in the Standard Webhooks `whsec_<base64>` form. */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

export interface SignedHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/**
 * The Standard Webhooks headers of one attempt: `v1,` and the base64 HMAC-SHA256, keyed by the secret's
 * decoded bytes, of `<id>.<timestamp>.<body>` (timestamp in seconds). The id stays the same across
 * attempts so receivers can drop repeats; the timestamp is the attempt's, so their replay window holds.
 */
export function signWebhook(id: string, sentAt: Date, body: string, secret: string): SignedHeaders {
  const key = Buffer.from(
    secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
    'base64',
  );
  const timestamp = Math.floor(sentAt.getTime() / 1000).toString();
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}
