import { ValidationFailedError } from '@app/contracts';

/** RFC 9110 field values are visible ASCII; a key is 1–255 of them, no spaces (draft-ietf-httpapi-idempotency-key-header). */
const KEY = /^[\x21-\x7e]{1,255}$/;

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/**
 * The `Idempotency-Key` of a request: undefined when there is none, the key when it is 1–255 visible
 * ASCII characters, a 400 naming the header otherwise (a repeated header is refused too: which of two
 * keys would count is anyone's guess).
 */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !KEY.test(header)) {
    throw new ValidationFailedError([
      { field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters, sent once' },
    ]);
  }
  return header;
}
