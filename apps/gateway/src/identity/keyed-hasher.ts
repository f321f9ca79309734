import { createHmac } from 'node:crypto';

export type HashPurpose = 'reader' | 'portal-user' | 'address' | 'login' | 'idempotency-key';

/**
 * Keyed hashes (HMAC-SHA256) of reader ids and client addresses: stable enough to enforce "one vote per
 * reader" or a per-address cap, useless to anyone without the key. The purpose is part of the input, so
 * an address hash can never be confused with a reader hash.
 */
export class KeyedHasher {
  constructor(private readonly secret: string) {}

  hash(purpose: HashPurpose, value: string): string {
    return createHmac('sha256', this.secret).update(`${purpose}\u0000${value}`).digest('base64url');
  }
}
