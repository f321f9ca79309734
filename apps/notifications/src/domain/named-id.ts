import { createHash } from 'node:crypto';

/**
 * A UUID (version 8, RFC 9562) made from a name: every copy that names the same thing (a moderator's
 * digest for one window) gets the same id, so the database's unique keys see them as one.
 */
export function namedId(name: string): string {
  const bytes = createHash('sha256').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
