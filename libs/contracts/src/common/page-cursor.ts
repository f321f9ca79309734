import { ValidationFailedError } from '../errors/domain-error';
import { parseTimestamp } from '../validation/timestamp';
import { isUuid } from './uuid';

/** A position in a list ordered by (createdAt, id), newest first: the last item a page showed. */
export interface PagePosition {
  /** As `Date#toISOString()` writes it. */
  createdAt: string;
  /** A UUID in lower case. */
  id: string;
}

/** Every cursor this codec issues is this long: 67 bytes of JSON (a 24-character time, a 36-character id). */
export const PAGE_CURSOR_LENGTH = 90;

/** Opaque to clients: base64url of the JSON array `[createdAt, id]` of the last item of a page. */
export function encodePageCursor(position: PagePosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
}

/**
 * The position a cursor names, when it is exactly what encodePageCursor would have written: a
 * canonical time PostgreSQL can hold and a lower-case UUID, nothing else. Any other cursor, however
 * close, is refused, so nothing a client invents reaches a query.
 */
export function readPageCursor(cursor: string): PagePosition | undefined {
  if (cursor.length !== PAGE_CURSOR_LENGTH) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
  const [createdAt, id] = parsed as unknown[];
  if (typeof createdAt !== 'string' || typeof id !== 'string') return undefined;
  if (!isUuid(id) || id !== id.toLowerCase()) return undefined;
  const time = parseTimestamp(createdAt);
  if (time === undefined || time.toISOString() !== createdAt) return undefined;
  const position = { createdAt, id };
  return encodePageCursor(position) === cursor ? position : undefined;
}

export const PAGE_CURSOR_REFUSAL = 'cursor is not one this API issued';

/** readPageCursor for a service: a refused cursor is a 400 naming the `cursor` field. */
export function decodePageCursor(cursor: string): PagePosition {
  const position = readPageCursor(cursor);
  if (position) return position;
  throw new ValidationFailedError([{ field: 'cursor', message: PAGE_CURSOR_REFUSAL }]);
}
