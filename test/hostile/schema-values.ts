import type { Schema } from './openapi-operations';

/** A UUID no row holds: what path ids and uuid fields carry, so a request that passes validation finds nothing. */
export const ABSENT_ID = '00000000-0000-4000-8000-00000000dead';

/** A string of exactly `length` characters that suits the schema's format (letters fit every pattern here). */
export function stringOfLength(schema: Schema, length: number): string {
  if (schema.format === 'email') {
    const domain = '@example.test';
    return length > domain.length ? `${'a'.repeat(length - domain.length)}${domain}` : 'a'.repeat(length);
  }
  return 'a'.repeat(length);
}

/** A value the schema accepts, as small as it allows: the base every mutation changes one thing of. */
export function validValue(schema: Schema): unknown {
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((key) => [key, validValue(schema.properties?.[key] ?? {})]),
      );
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, (_, index) =>
        distinctItem(validValue(schema.items ?? {}), index),
      );
    case 'number':
    case 'integer':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case undefined:
    default:
      if (schema.format === 'uuid') return ABSENT_ID;
      if (schema.format === 'date-time') return '2031-01-01T00:00:00.000Z';
      if (schema.format === 'email') return 'reader@example.test';
      if (schema.format === 'binary') return 'file';
      return stringOfLength(schema, Math.max(schema.minLength ?? 1, 1));
  }
}

/** Array items that must be unique (options of a poll) stay unique. */
function distinctItem(value: unknown, index: number): unknown {
  return typeof value === 'string' && !/^[0-9a-f-]{36}$/.test(value) ? `${value}${index}` : value;
}

/** Values of every JSON type but the schema's own. */
export function wrongTypeValues(schema: Schema): unknown[] {
  const all: [string, unknown][] = [
    ['string', 'not-the-right-type'],
    ['number', 12345.678],
    ['integer', -1],
    ['boolean', true],
    ['array', ['x', 1, null]],
    ['object', { nested: { $ne: null } }],
    ['null', null],
  ];
  const own = schema.type ?? 'string';
  const numeric = own === 'number' || own === 'integer';
  return all
    .filter(([type]) => type !== own && !(numeric && (type === 'number' || type === 'integer')))
    .filter(([type]) => !(type === 'null' && schema.nullable))
    .map(([, value]) => value);
}
