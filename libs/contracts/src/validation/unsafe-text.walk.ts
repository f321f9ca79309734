import type { FieldError } from '../errors/wire-error';
import { unsafeCharacterIn } from './text-safety';

/**
 * At most this many unsafe strings are listed in one answer: a body of thousands of bad items is
 * refused just the same, without an answer many times its size.
 */
export const UNSAFE_TEXT_ERRORS_MAX = 20;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\uD800-\uDFFF]/g;

/** A key as it may appear in a field path: its unsafe characters spelled out, never echoed. */
const printable = (key: string): string =>
  key.replace(UNPRINTABLE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);

interface Visit {
  value: unknown;
  path: string;
  /** The key `value` is held under, checked like a value. */
  key?: string;
}

/**
 * Every string in `value` (object values, array items, nested to any depth, and the keys themselves)
 * that holds a character no field accepts, as `{ field: "options.1", message }` rows in document order.
 * The walk keeps its own stack, so a deeply nested body cannot overflow the call stack.
 */
export function findUnsafeText(value: unknown, root = ''): FieldError[] {
  const errors: FieldError[] = [];
  const pending: Visit[] = [{ value, path: root }];
  while (pending.length > 0 && errors.length < UNSAFE_TEXT_ERRORS_MAX) {
    const visit = pending.pop()!;
    const field = visit.path || 'value';
    const badKey = visit.key === undefined ? undefined : unsafeCharacterIn(visit.key);
    if (badKey) errors.push({ field, message: `The name of ${field} contains ${badKey}.` });
    const current = visit.value;
    if (typeof current === 'string') {
      const found = unsafeCharacterIn(current);
      if (found) errors.push({ field, message: `${field} contains ${found}.` });
    } else if (isWalkable(current)) {
      const keys = Object.keys(current);
      for (let index = keys.length - 1; index >= 0; index -= 1) {
        const key = keys[index];
        const path = visit.path ? `${visit.path}.${printable(key)}` : printable(key);
        pending.push({ value: (current as Record<string, unknown>)[key], path, key });
      }
    }
  }
  return errors.slice(0, UNSAFE_TEXT_ERRORS_MAX);
}

function isWalkable(value: unknown): value is object {
  return (
    typeof value === 'object' && value !== null && !ArrayBuffer.isView(value) && !(value instanceof Date)
  );
}
