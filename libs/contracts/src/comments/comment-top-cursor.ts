import { isUuid } from '../common/uuid';
import { parseTimestamp } from '../validation/timestamp';

/** A position in a list ordered by likes, then (createdAt, id): the last item a `top` page showed. */
export interface TopPosition {
  likes: number;
  /** As `Date#toISOString()` writes it. */
  createdAt: string;
  /** A UUID in lower case. */
  id: string;
}

/** Opaque to clients: base64url of the JSON array `[likes, createdAt, id]`, prefixed so it never passes as a time cursor. */
export function encodeTopCursor(position: TopPosition): string {
  return `t${Buffer.from(JSON.stringify([position.likes, position.createdAt, position.id])).toString('base64url')}`;
}

/** The position a cursor names, only when it is exactly what encodeTopCursor would have written. */
export function readTopCursor(cursor: string): TopPosition | undefined {
  if (cursor.length > 120 || !cursor.startsWith('t')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor.slice(1), 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
  const [likes, createdAt, id] = parsed as unknown[];
  if (typeof likes !== 'number' || !Number.isSafeInteger(likes) || likes < 0) return undefined;
  if (typeof createdAt !== 'string' || typeof id !== 'string') return undefined;
  if (!isUuid(id) || id !== id.toLowerCase()) return undefined;
  const time = parseTimestamp(createdAt);
  if (time === undefined || time.toISOString() !== createdAt) return undefined;
  const position = { likes, createdAt, id };
  return encodeTopCursor(position) === cursor ? position : undefined;
}
