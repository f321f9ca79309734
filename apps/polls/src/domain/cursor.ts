import { ValidationFailedError, isUuid } from '@app/contracts';

/** A position in a list ordered by (createdAt, id), newest first. */
export interface ListPosition {
  createdAt: string;
  id: string;
}

/** Opaque to clients: base64url of the last item's (createdAt, id). */
export function encodeCursor(position: ListPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): ListPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 2 &&
    typeof parsed[0] === 'string' &&
    typeof parsed[1] === 'string' &&
    !Number.isNaN(Date.parse(parsed[0])) &&
    isUuid(parsed[1])
  ) {
    return { createdAt: new Date(parsed[0]).toISOString(), id: parsed[1] };
  }
  throw new ValidationFailedError([{ field: 'cursor', message: 'cursor is not one this API issued' }]);
}
