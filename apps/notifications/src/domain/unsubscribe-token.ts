import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Reader emails are known only by a keyed hash; the unsubscribe link carries that hash and a signature
 * over it, so a click proves the link came from us without the address ever being in it.
 */
export class UnsubscribeTokens {
  private readonly hashKey: Buffer;
  private readonly signKey: Buffer;

  constructor(secret: string) {
    // Two keys from one secret: a leaked hash must not help forge a signature.
    this.hashKey = createHmac('sha256', secret).update('email-hash').digest();
    this.signKey = createHmac('sha256', secret).update('unsubscribe-token').digest();
  }

  emailHash(email: string): string {
    return createHmac('sha256', this.hashKey).update(email.trim().toLowerCase()).digest('base64url');
  }

  issue(emailHash: string): string {
    return `${emailHash}.${this.signature(emailHash)}`;
  }

  /** The email hash a token names, when its signature is ours; undefined otherwise. */
  verify(token: string): string | undefined {
    const parts = token.split('.');
    if (parts.length !== 2) return undefined;
    const [emailHash, signature] = parts;
    const expected = Buffer.from(this.signature(emailHash));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return emailHash;
  }

  private signature(emailHash: string): string {
    return createHmac('sha256', this.signKey).update(emailHash).digest('base64url');
  }
}
