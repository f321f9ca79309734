import type { Schema } from './openapi-operations';
import { stringOfLength, validValue, wrongTypeValues } from './schema-values';

/** A JSON path into a body: property names and array indexes. */
export type JsonPath = (string | number)[];

/** Raw bytes that replace a string value inside the JSON text: what JSON.stringify can never produce. */
export interface RawValue {
  raw: Buffer;
}

/** One change to a valid body: a value at a path, or the path's removal. */
export interface Mutation {
  kind: string;
  path: JsonPath;
  value?: unknown;
  remove?: boolean;
  /**
   * The body may stay valid (a length at its maximum, text a service may accept or clean up): only sent
   * where it cannot change anything, or together with a fault that is refused for sure.
   */
  valid?: boolean;
}

const RAW_MARK = '\u0001raw-value\u0001';

/** Hostile text as JSON escapes (valid JSON, hostile content) and as raw bytes (not valid UTF-8 at all). */
export const ODD_TEXT: [string, string | RawValue][] = [
  ['NUL escape', 'a\u0000b'],
  ['bidi override', 'abc\u202edcba\u202c'],
  ['unpaired high surrogate', 'a\ud800b'],
  ['unpaired low surrogate', '\udc00'],
  ['escape sequence', '\u001b[2Jcleared'],
  ['C1 control', 'a\u0085b\u009b'],
  ['line break', 'first\r\nX-Injected: 1'],
  ['zero-width and BOM', '\ufeff\u200b\u200d'],
  ['invalid UTF-8', { raw: Buffer.from([0x61, 0xff, 0xfe, 0xc3, 0x28, 0x62]) }],
  ['overlong slash', { raw: Buffer.from([0xc0, 0xaf, 0xe0, 0x80, 0xaf]) }],
  ['overlong NUL', { raw: Buffer.from([0x61, 0xc0, 0x80, 0x62]) }],
  ['raw NUL byte', { raw: Buffer.from([0x61, 0x00, 0x62]) }],
  ['UTF-8 surrogate', { raw: Buffer.from([0xed, 0xa0, 0x80]) }],
  ['truncated sequence', { raw: Buffer.from([0x61, 0xe2, 0x82]) }],
];

function stringMutations(schema: Schema, path: JsonPath): Mutation[] {
  const mutations: Mutation[] = [];
  if (schema.maxLength !== undefined) {
    const max = schema.maxLength;
    mutations.push({ kind: 'length max', path, value: stringOfLength(schema, max), valid: true });
    mutations.push({ kind: 'length max+1', path, value: stringOfLength(schema, max + 1) });
  } else {
    mutations.push({ kind: 'length 100000', path, value: stringOfLength(schema, 100_000), valid: true });
  }
  const min = schema.minLength ?? 0;
  mutations.push({
    kind: 'length 0',
    path,
    value: '',
    valid: min === 0 && !schema.enum && !schema.format && !schema.pattern,
  });
  if (min > 1) mutations.push({ kind: 'length min-1', path, value: stringOfLength(schema, min - 1) });
  if (schema.enum) {
    mutations.push({ kind: 'not in enum', path, value: 'not-a-listed-value' });
    mutations.push({
      kind: 'enum in upper case',
      path,
      value: String(schema.enum[0]).toUpperCase(),
      valid: String(schema.enum[0]) === String(schema.enum[0]).toUpperCase(),
    });
  }
  if (schema.format === 'uuid') mutations.push({ kind: 'not a uuid', path, value: '1 or 1=1' });
  if (schema.format === 'date-time') {
    mutations.push({ kind: 'impossible date', path, value: '2031-13-45T25:61:00Z' });
    mutations.push({ kind: 'year past 9999', path, value: '+275760-09-13T00:00:00.000Z' });
  }
  if (schema.format === 'email') mutations.push({ kind: 'no at sign', path, value: 'reader.example.test' });
  if (schema.pattern) mutations.push({ kind: 'breaks pattern', path, value: '<script>alert(1)</script>' });
  // Text as JSON escapes is valid JSON a service may refuse or clean up; raw bytes that are no UTF-8 never pass.
  for (const [label, value] of ODD_TEXT)
    mutations.push({ kind: `text: ${label}`, path, value, valid: typeof value === 'string' });
  return mutations;
}

function numberMutations(schema: Schema, path: JsonPath): Mutation[] {
  const mutations: Mutation[] = [
    { kind: 'huge number', path, value: 1e300 },
    { kind: 'fraction', path, value: (schema.minimum ?? 1) + 0.5, valid: true },
    { kind: 'number as string', path, value: String(schema.minimum ?? 1) },
  ];
  if (schema.minimum !== undefined) mutations.push({ kind: 'minimum-1', path, value: schema.minimum - 1 });
  if (schema.maximum !== undefined) {
    mutations.push({ kind: 'maximum', path, value: schema.maximum, valid: true });
    mutations.push({ kind: 'maximum+1', path, value: schema.maximum + 1 });
  }
  return mutations;
}

function arrayMutations(schema: Schema, path: JsonPath): Mutation[] {
  const item = validValue(schema.items ?? {});
  const itemsOf = (count: number) =>
    Array.from({ length: count }, (_, index) => (typeof item === 'string' ? `${item}${index}` : item));
  const min = schema.minItems ?? 0;
  const mutations: Mutation[] = [{ kind: 'items 0', path, value: [], valid: min === 0 }];
  if (min > 0) mutations.push({ kind: 'items min-1', path, value: itemsOf(min - 1) });
  if (schema.maxItems !== undefined) {
    mutations.push({ kind: 'items max', path, value: itemsOf(schema.maxItems), valid: true });
    mutations.push({ kind: 'items max+1', path, value: itemsOf(schema.maxItems + 1) });
  }
  mutations.push({ kind: 'items 10000', path, value: itemsOf(10_000) });
  mutations.push({ kind: 'items null', path, value: [null] });
  mutations.push({ kind: 'items nested arrays', path, value: [[[item]]] });
  return mutations;
}

/** Every mutation of one property and, for objects and arrays of objects, of what it holds. */
function propertyMutations(schema: Schema, path: JsonPath, required: boolean, depth: number): Mutation[] {
  const mutations: Mutation[] = wrongTypeValues(schema).map((value) => ({
    kind: `wrong type ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}`,
    path,
    value,
  }));
  if (required) mutations.push({ kind: 'missing required', path, remove: true });
  switch (schema.type) {
    case 'number':
    case 'integer':
      mutations.push(...numberMutations(schema, path));
      break;
    case 'array':
      mutations.push(...arrayMutations(schema, path));
      if (schema.items && depth < 3)
        mutations.push(
          ...propertyMutations(schema.items, [...path, 0], false, depth + 1).filter((m) => !m.remove),
        );
      break;
    case 'object':
      if (depth < 3) mutations.push(...objectMutations(schema, path, depth + 1));
      break;
    case 'boolean':
      mutations.push({ kind: 'boolean as string', path, value: 'true' });
      break;
    case undefined:
    default:
      mutations.push(...stringMutations(schema, path));
  }
  return mutations;
}

function objectMutations(schema: Schema, path: JsonPath, depth: number): Mutation[] {
  const required = new Set(schema.required ?? []);
  return [
    { kind: 'extra field', path: [...path, 'unexpectedField'], value: 'x' },
    { kind: 'extra prototype key', path: [...path, '__proto__'], value: { isAdmin: true } },
    ...Object.entries(schema.properties ?? {}).flatMap(([key, property]) =>
      propertyMutations(property, [...path, key], required.has(key), depth),
    ),
  ];
}

/** Every mutation of a request body derived from its schema. */
export function bodyMutations(schema: Schema): Mutation[] {
  return schema.type === 'object' || schema.properties
    ? objectMutations(schema, [], 0)
    : propertyMutations(schema, [], false, 0);
}

/** The valid base with the mutations applied (missing containers on the path are made from the schema). */
export function applyMutations(schema: Schema, mutations: Mutation[]): unknown {
  const body = structuredClone(validValue(schema)) as Record<string | number, unknown>;
  for (const mutation of mutations) setAt(body, schema, mutation);
  return body;
}

function setAt(root: Record<string | number, unknown>, schema: Schema, mutation: Mutation): void {
  if (mutation.path.length === 0) return;
  let node: Record<string | number, unknown> = root;
  let nodeSchema: Schema | undefined = schema;
  for (const key of mutation.path.slice(0, -1)) {
    const childSchema: Schema | undefined =
      typeof key === 'number' ? nodeSchema?.items : nodeSchema?.properties?.[key];
    let child = node[key];
    if (child === null || typeof child !== 'object') {
      child =
        childSchema?.type === 'array'
          ? [validValue(childSchema.items ?? {})]
          : validValue(childSchema ?? { type: 'object' });
      if (child === null || typeof child !== 'object') child = {};
      node[key] = child;
    }
    if (Array.isArray(child) && child.length === 0) child.push(validValue(childSchema?.items ?? {}));
    node = child as Record<string | number, unknown>;
    nodeSchema = childSchema;
  }
  const last = mutation.path[mutation.path.length - 1];
  if (mutation.remove) {
    delete node[last];
    return;
  }
  const value = isRaw(mutation.value) ? RAW_MARK : mutation.value;
  if (last === '__proto__')
    Object.defineProperty(node, last, { value, enumerable: true, configurable: true, writable: true });
  else node[last] = value;
}

function isRaw(value: unknown): value is RawValue {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as RawValue).raw);
}

/** The JSON bytes of a body; a raw value of a mutation is spliced in as bytes inside its string. */
export function encodeBody(body: unknown, mutations: Mutation[] = []): Buffer {
  const text = JSON.stringify(body);
  const raw = mutations.map((mutation) => mutation.value).find(isRaw);
  const marker = JSON.stringify(RAW_MARK).slice(1, -1);
  if (!raw || !text.includes(marker)) return Buffer.from(text, 'utf8');
  const [before, after] = text.split(marker);
  return Buffer.concat([Buffer.from(before, 'utf8'), raw.raw, Buffer.from(after, 'utf8')]);
}
