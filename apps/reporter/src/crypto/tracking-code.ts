import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  formatTrackingCode,
  normaliseTrackingCode,
  TRACKING_CODE_BITS,
  TRACKING_CODE_SYMBOLS,
} from '../domain/tracking-code-format';

export interface IssuedTrackingCode {
  /** Shown once to the submitter; never stored. */
  code: string;
  /** What the database keeps and looks up (hex SHA-256 of the canonical form). */
  hash: string;
}

/** 80 bits from the operating system's CSPRNG, cut into 16 five-bit symbols. */
export function issueTrackingCode(random: (size: number) => Buffer = randomBytes): IssuedTrackingCode {
  const bytes = random(TRACKING_CODE_BITS / 8);
  const symbols = new Array<number>(TRACKING_CODE_SYMBOLS);
  for (let i = 0; i < TRACKING_CODE_SYMBOLS; i += 1) {
    const bit = i * 5;
    const byte = bit >> 3;
    const pair = (bytes[byte] << 8) | (bytes[byte + 1] ?? 0);
    symbols[i] = (pair >> (11 - (bit & 7))) & 0x1f;
  }
  const code = formatTrackingCode(symbols);
  return { code, hash: hashCanonicalCode(normaliseTrackingCode(code) as string) };
}

/**
 * The stored form of a code as a reader typed it, or undefined when it cannot be a code (so a lookup
 * need not reach the database).
 *
 * Plain SHA-256, not a keyed hash: with 80 random bits a dump of the table cannot be turned back into
 * codes by trying them (2^80 candidates), so a key would add nothing but a secret whose loss or
 * rotation would orphan every submitter's code. Keyed hashes are for low-entropy values such as IP
 * addresses.
 */
export function hashTrackingCode(input: string): string | undefined {
  const canonical = normaliseTrackingCode(input);
  return canonical === undefined ? undefined : hashCanonicalCode(canonical);
}

/**
 * Whether a typed code belongs to a stored hash, compared in constant time. A database lookup by hash
 * needs no such care (the attacker does not choose the hash); this is for a hash already in memory.
 */
export function trackingCodeMatches(input: string, storedHash: string): boolean {
  const hash = hashTrackingCode(input);
  if (hash === undefined || hash.length !== storedHash.length) return false;
  return timingSafeEqual(Buffer.from(hash, 'latin1'), Buffer.from(storedHash, 'latin1'));
}

function hashCanonicalCode(canonical: string): string {
  return createHash('sha256').update(canonical, 'ascii').digest('hex');
}
