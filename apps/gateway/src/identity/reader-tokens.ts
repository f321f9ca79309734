import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const VERSION = 'rt1';
const TOKEN_PATTERN = /^rt1\.([A-Za-z0-9_-]{22})\.([a-z0-9]{1,12})\.([A-Za-z0-9_-]{43})$/;

/**
 * Anonymous reader tokens: `rt1.<random subject>.<issued at>.<HMAC>`. The subject is what "one vote per
 * reader" and "edit my comment" are tied to; it is never stored as is, only as a keyed hash.
 */
export class ReaderTokens {
  constructor(private readonly secret: string) {}

  issue(now = new Date()): string {
    const subject = randomBytes(16).toString('base64url');
    const issuedAt = Math.floor(now.getTime() / 1000).toString(36);
    return `${VERSION}.${subject}.${issuedAt}.${this.sign(subject, issuedAt)}`;
  }

  /** The token's subject, or null when the token is malformed or not signed with our key. */
  verify(token: string): string | null {
    const match = TOKEN_PATTERN.exec(token);
    if (!match) return null;
    const [, subject, issuedAt, signature] = match;
    const expected = Buffer.from(this.sign(subject, issuedAt));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given) ? subject : null;
  }

  private sign(subject: string, issuedAt: string): string {
    return createHmac('sha256', this.secret).update(`${VERSION}.${subject}.${issuedAt}`).digest('base64url');
  }
}
