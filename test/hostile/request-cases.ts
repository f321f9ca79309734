import { applyMutations, bodyMutations, encodeBody, Mutation } from './body-mutations';
import type { Credentials, HostileRequest } from './hostile-request';
import { JSON_TYPE } from './hostile-request';
import { Operation, operationName, Parameter } from './openapi-operations';
import { ABSENT_ID, validValue } from './schema-values';

const ROLE_ORDER = ['moderator', 'editor', 'admin'] as const;

/** Path parameter values that exist in shape (a UUID no row holds, a plain word). */
function pathWith(operation: Operation, replace?: { name: string; value: string }): string {
  return operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (replace?.name === name) return replace.value;
    const parameter = operation.parameters.find((candidate) => candidate.name === name);
    if (parameter?.schema?.format === 'uuid') return ABSENT_ID;
    if (name === 'service') return 'polls';
    return 'absent-value';
  });
}

/** The credentials of the lowest caller the operation admits. */
export function rightfulHeaders(operation: Operation, credentials: Credentials): Record<string, string> {
  if (operation.access === 'reader') return { 'x-reader-token': credentials.reader };
  if (operation.access !== 'staff') return {};
  const role = (operation.requiredRole ?? 'moderator') as keyof Credentials['staff'];
  return { authorization: `Bearer ${credentials.staff[role] ?? credentials.staff.admin}` };
}

const EXTRA_FIELD: Mutation = { kind: 'extra field', path: ['unexpectedField'], value: 'x' };

/** A body change that stays valid may only be sent where the path names no row: it then changes nothing. */
const namesAbsentRow = (operation: Operation) =>
  operation.parameters.some((parameter) => parameter.in === 'path' && parameter.schema?.format === 'uuid');

export function jsonBodyCases(operation: Operation, credentials: Credentials): HostileRequest[] {
  if (operation.bodyType !== 'json' || !operation.body) return [];
  const schema = operation.body;
  const base = { operation: operationName(operation), method: operation.method, path: pathWith(operation) };
  const headers = { ...rightfulHeaders(operation, credentials), 'content-type': JSON_TYPE };
  const absentRow = namesAbsentRow(operation);
  const valid = encodeBody(validValue(schema));
  const requests: HostileRequest[] = bodyMutations(schema).map((mutation) => {
    // Where the request could create or change a row, a fault refused for sure rides along.
    const sure = mutation.valid && !absentRow ? [EXTRA_FIELD] : [];
    const applied = [mutation, ...sure];
    return {
      ...base,
      kind: `body ${mutation.path.join('.') || '(root)'}: ${mutation.kind}${sure.length ? ' (with an extra field)' : ''}`,
      headers,
      body: encodeBody(applyMutations(schema, applied), applied),
      mayPass: mutation.valid && absentRow,
    };
  });
  const whole: [string, string | Buffer, string?][] = [
    ['empty body', ''],
    ['null body', 'null'],
    ['array body', '[]'],
    ['string body', '"text"'],
    ['number body', '12345'],
    ['truncated JSON', valid.subarray(0, Math.max(1, valid.length - 2))],
    ['trailing garbage', Buffer.concat([valid, Buffer.from(' trailing')])],
    ['duplicate keys', `{"a":1,"a":2,${valid.subarray(1).toString()}`],
    ['deeply nested arrays', `${'['.repeat(10_000)}${']'.repeat(10_000)}`],
    ['deeply nested objects', `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`],
    ['XML', '<poll><question>x</question></poll>', 'application/xml'],
    ['form encoding', 'question=x&options=a', 'application/x-www-form-urlencoded'],
    [
      'multipart to a JSON route',
      '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n',
      'multipart/form-data; boundary=x',
    ],
  ];
  // Content types and charsets a lenient parser may read as JSON: where that could change a row, the body
  // also carries a field no contract has, so it is refused either way.
  const sure = absentRow ? valid : encodeBody({ ...(validValue(schema) as object), unexpectedField: 'x' });
  const lenient: [string, string | Buffer, string][] = [
    ['text/plain', sure, 'text/plain'],
    ['UTF-16 charset', Buffer.from(sure.toString(), 'utf16le'), 'application/json; charset=utf-16'],
    ['latin1 charset', sure, 'application/json; charset=latin1'],
    ['no content type', sure, ''],
    ['gzip claimed', sure, JSON_TYPE],
  ];
  const mayPass = new Set(absentRow ? lenient.map(([kind]) => kind) : []);
  for (const [kind, body, type] of [...whole, ...lenient]) {
    const contentType = type ?? JSON_TYPE;
    const extra: Record<string, string> = kind === 'gzip claimed' ? { 'content-encoding': 'gzip' } : {};
    const sent: Record<string, string> = { ...headers, ...extra };
    if (contentType) sent['content-type'] = contentType;
    else delete sent['content-type'];
    requests.push({
      ...base,
      kind,
      headers: sent,
      body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
      mayPass: mayPass.has(kind),
    });
  }
  return requests;
}

/** A body just over the gateway's limit, for every operation that takes one. */
export function hugeBodyCase(
  operation: Operation,
  credentials: Credentials,
  bodyLimit: number,
): HostileRequest[] {
  if (!operation.bodyType) return [];
  const filler = 'x'.repeat(bodyLimit);
  const multipart = operation.bodyType === 'multipart';
  return [
    {
      operation: operationName(operation),
      kind: 'body just over the limit',
      method: operation.method,
      path: pathWith(operation),
      headers: {
        ...rightfulHeaders(operation, credentials),
        'content-type': multipart ? 'multipart/form-data; boundary=x' : JSON_TYPE,
      },
      body: Buffer.from(
        multipart
          ? `--x\r\nContent-Disposition: form-data; name="body"\r\n\r\n${filler}\r\n--x--\r\n`
          : `{"filler":"${filler}"}`,
      ),
    },
  ];
}

const PATH_VALUES: [string, string][] = [
  ['too long', 'a'.repeat(5000)],
  ['traversal', '..%2F..%2F..%2Fetc%2Fpasswd'],
  ['NUL', 'a%00b'],
  ['broken percent-encoding', '%E0%A4%A'],
  ['not UTF-8', '%ff%fe'],
  ['SQL-looking', "1'%20or%20'1'='1"],
  ['bidi control', '%E2%80%AEabc'],
  ['Cyrillic', '%D0%BE%D0%BF%D1%80%D0%BE%D1%81'],
];

export function pathParameterCases(operation: Operation, credentials: Credentials): HostileRequest[] {
  const headers = { ...rightfulHeaders(operation, credentials) };
  const body =
    operation.bodyType === 'json' && operation.body ? encodeBody(validValue(operation.body)) : undefined;
  if (body) headers['content-type'] = JSON_TYPE;
  return operation.parameters
    .filter((parameter) => parameter.in === 'path')
    .flatMap((parameter) => {
      const values = [...PATH_VALUES];
      if (parameter.schema?.format === 'uuid')
        values.push(
          ['dot segments', '%2e%2e'],
          ['not a uuid', '12345'],
          ['uuid with braces', `%7B${ABSENT_ID}%7D`],
          ['uuid too long', `${ABSENT_ID}0`],
        );
      return values.map(([label, value]) => ({
        operation: operationName(operation),
        kind: `path ${parameter.name}: ${label}`,
        method: operation.method,
        path: pathWith(operation, { name: parameter.name, value }),
        headers,
        body: operation.bodyType === 'multipart' ? undefined : body,
      }));
    });
}

function queryValues(parameter: Parameter): [string, string][] {
  const schema = parameter.schema ?? {};
  const values: [string, string][] = [
    ['too long', 'a'.repeat(5000)],
    ['NUL', 'a%00b'],
    ['object syntax', '__OBJECT__'],
    ['repeated', '__REPEAT__'],
    ['not UTF-8', '%ff%fe'],
    ['bidi control', '%E2%80%AE'],
  ];
  if (schema.type === 'number' || schema.type === 'integer') {
    values.push(
      ['word', 'ten'],
      ['negative', '-1'],
      ['zero', '0'],
      ['huge', '1e12'],
      ['fraction', '1.5'],
      ['hex', '0x10'],
      ['infinity', 'Infinity'],
    );
    if (schema.maximum !== undefined) values.push(['maximum+1', String(schema.maximum + 1)]);
    if (schema.minimum !== undefined) values.push(['minimum-1', String(schema.minimum - 1)]);
  }
  if (schema.enum) values.push(['not in enum', 'not-a-listed-value'], ['empty', '']);
  if (schema.pattern) values.push(['breaks pattern', '%3Cscript%3E']);
  if (parameter.name === 'cursor')
    values.push(
      ['forged cursor', Buffer.from('["x","y"]').toString('base64url')],
      ['garbage cursor', '%27%3B--'],
    );
  return values;
}

const isFreeText = (parameter: Parameter) => {
  const schema = parameter.schema ?? {};
  return (schema.type ?? 'string') === 'string' && !schema.enum && !schema.pattern && !schema.format;
};

export function queryParameterCases(operation: Operation, credentials: Credentials): HostileRequest[] {
  const headers = rightfulHeaders(operation, credentials);
  const query = operation.parameters.filter((parameter) => parameter.in === 'query');
  const required = query.filter((parameter) => parameter.required);
  const base = required.map(
    (parameter) => `${parameter.name}=${encodeURIComponent(String(validValue(parameter.schema ?? {})))}`,
  );
  return query.flatMap((parameter) =>
    queryValues(parameter).map(([label, value]) => {
      const pair =
        value === '__OBJECT__'
          ? `${parameter.name}[$ne]=x`
          : value === '__REPEAT__'
            ? `${parameter.name}=1&${parameter.name}=2`
            : `${parameter.name}=${value}`;
      const others = base.filter((entry) => !entry.startsWith(`${parameter.name}=`));
      return {
        operation: operationName(operation),
        kind: `query ${parameter.name}: ${label}`,
        method: operation.method,
        path: `${pathWith(operation)}?${[...others, pair].join('&')}`,
        headers,
        // A read may take numbers in hex, a repeated parameter or odd text in a free-text search (cleaned or
        // matching nothing): a read that succeeds changes nothing.
        mayPass:
          operation.method === 'GET' && (label === 'hex' || label === 'repeated' || isFreeText(parameter)),
      };
    }),
  );
}

/** No credentials, hostile bearers, and every role below the one a staff route requires. */
export function accessCases(operation: Operation, credentials: Credentials): HostileRequest[] {
  if (operation.access === 'public') return [];
  const body =
    operation.bodyType === 'json' && operation.body ? encodeBody(validValue(operation.body)) : undefined;
  const typed: Record<string, string> = body ? { 'content-type': JSON_TYPE } : {};
  const base = {
    operation: operationName(operation),
    method: operation.method,
    path: pathWith(operation),
    body,
  };
  const requests: HostileRequest[] = [{ ...base, kind: 'no credentials', headers: typed, expect: [401] }];
  for (const [label, token] of credentials.hostileBearers) {
    requests.push({
      ...base,
      kind: `bearer: ${label}`,
      headers: { ...typed, authorization: `Bearer ${token}` },
      expect: [401],
    });
    if (operation.access === 'reader')
      requests.push({
        ...base,
        kind: `reader token: ${label}`,
        headers: { ...typed, 'x-reader-token': token },
        expect: [401],
      });
  }
  requests.push({
    ...base,
    kind: 'authorization without scheme',
    headers: { ...typed, authorization: credentials.staff.admin },
    expect: [401],
  });
  if (operation.access !== 'staff') return requests;
  requests.push({
    ...base,
    kind: 'role: reader token',
    headers: { ...typed, 'x-reader-token': credentials.reader },
    expect: [401, 403],
  });
  const required = ROLE_ORDER.indexOf((operation.requiredRole ?? 'moderator') as (typeof ROLE_ORDER)[number]);
  for (const role of ROLE_ORDER.slice(0, required)) {
    requests.push({
      ...base,
      kind: `role: ${role}`,
      headers: { ...typed, authorization: `Bearer ${credentials.staff[role]}` },
      expect: [403],
    });
  }
  return requests;
}

/** Pairs of the operation's invalid body mutations: how the corpus grows to any size, deterministically. */
export function combinedBodyCases(
  operation: Operation,
  credentials: Credentials,
  count: number,
  seed: number,
): HostileRequest[] {
  if (operation.bodyType !== 'json' || !operation.body || count <= 0) return [];
  const schema = operation.body;
  const invalid = bodyMutations(schema).filter((mutation) => !mutation.valid && mutation.path.length > 0);
  if (invalid.length < 2) return [];
  const random = seeded(seed);
  const headers = { ...rightfulHeaders(operation, credentials), 'content-type': JSON_TYPE };
  return Array.from({ length: count }, () => {
    const first = invalid[Math.floor(random() * invalid.length)];
    const second = invalid[Math.floor(random() * invalid.length)];
    const pair: Mutation[] = first.path.join('.').startsWith(second.path.join('.'))
      ? [first]
      : [first, second];
    return {
      operation: operationName(operation),
      kind: 'body: two faults at once',
      method: operation.method,
      path: pathWith(operation),
      headers,
      body: encodeBody(applyMutations(schema, pair), pair),
    };
  });
}

/** mulberry32: the same corpus for the same seed, so a failure can be replayed. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
