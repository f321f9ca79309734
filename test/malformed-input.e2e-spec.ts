import { connect, JSONCodec } from 'nats';
import { Client } from 'pg';
import { HttpClient } from '@test/support/http-client';
import { rawRequest } from '@test/support/raw-http';
import { Suite, SUITE_ADMIN } from '@test/support/suite';
import { TEST_NATS_URL } from '@test/support/test-nats';

interface Shot {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

const ID = '00000000-0000-4000-8000-000000000002';
const JSON_TYPE = { 'content-type': 'application/json' };
/** In every hostile value below, so a log line that repeats one is easy to find. */
const MARK = 'hostile-mark';
const EDITOR = { email: 'editor@malformed.test', password: 'editor-password-123' };

/** A keyset cursor of the archive, as base64url JSON `[createdAt, id]`, with any content. */
const cursorOf = (createdAt: string, id = ID): string =>
  Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');

interface HostileCase {
  name: string;
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  body?: unknown;
  as?: 'editor';
  /** The field the problem document must list. */
  field: string;
}

/** One case per class of input that once reached PostgreSQL or a handler and came back as a 500. */
function hostileCases(pollId: string): HostileCase[] {
  const poll = { question: `Question ${MARK}`, options: ['Да', 'Нет'] };
  return [
    {
      name: 'a NUL in a login email',
      method: 'POST',
      path: '/api/v1/auth/login',
      body: { email: `${MARK}\u0000@malformed.test`, password: 'x' },
      field: 'email',
    },
    {
      name: 'a line break in a login email',
      method: 'POST',
      path: '/api/v1/auth/login',
      body: { email: `${MARK}@malformed.test\nX-Injected: 1`, password: 'x' },
      field: 'email',
    },
    {
      name: 'a NUL in a poll question',
      method: 'POST',
      path: '/api/v1/polls',
      as: 'editor',
      body: { ...poll, question: `a\u0000${MARK}` },
      field: 'question',
    },
    {
      name: 'an escape sequence in an option',
      method: 'POST',
      path: '/api/v1/polls',
      as: 'editor',
      body: { ...poll, options: ['Да', `\u001b[2J${MARK}`] },
      field: 'options.1',
    },
    {
      name: 'a C1 control in an option',
      method: 'POST',
      path: '/api/v1/polls',
      as: 'editor',
      body: { ...poll, options: [`${MARK}\u009b`, 'Нет'] },
      field: 'options.0',
    },
    {
      name: 'a lone surrogate in a question',
      method: 'POST',
      path: '/api/v1/polls',
      as: 'editor',
      body: { ...poll, question: `${MARK}\ud800` },
      field: 'question',
    },
    {
      name: 'a line break in a question',
      method: 'POST',
      path: '/api/v1/polls',
      as: 'editor',
      body: { ...poll, question: `${MARK}\r\nsecond line` },
      field: 'question',
    },
    {
      name: 'a week date the service cannot read',
      method: 'POST',
      path: '/api/v1/polls',
      as: 'editor',
      body: { ...poll, opensAt: '2030-W05-4' },
      field: 'opensAt',
    },
    {
      name: 'a closing year PostgreSQL cannot store',
      method: 'POST',
      path: '/api/v1/polls',
      as: 'editor',
      body: { ...poll, closesAt: '+275760-09-13T00:00:00Z' },
      field: 'closesAt',
    },
    {
      name: 'an offset that carries a date past 9999',
      method: 'POST',
      path: '/api/v1/polls',
      as: 'editor',
      body: { ...poll, closesAt: '9999-12-31T23:00:00-05:00' },
      field: 'closesAt',
    },
    {
      name: 'null for a question that may only be left out',
      method: 'PATCH',
      path: `/api/v1/polls/${pollId}`,
      as: 'editor',
      body: { question: null },
      field: 'question',
    },
    {
      name: 'null for the options of an edit',
      method: 'PATCH',
      path: `/api/v1/polls/${pollId}`,
      as: 'editor',
      body: { options: null, placement: null },
      field: 'options',
    },
    {
      name: 'a NUL in an edited option',
      method: 'PATCH',
      path: `/api/v1/polls/${pollId}`,
      as: 'editor',
      body: { options: [{ text: 'Да' }, { text: `${MARK}\u0000` }] },
      field: 'options.1.text',
    },
    {
      name: 'a cursor that decodes to a year PostgreSQL cannot hold',
      method: 'GET',
      path: `/api/v1/polls?cursor=${cursorOf('+275760-09-13T00:00:00.000Z')}`,
      field: 'cursor',
    },
    {
      name: 'a cursor that decodes to a year before 1970',
      method: 'GET',
      path: `/api/v1/polls?cursor=${cursorOf('-000001-01-01T00:00:00.000Z')}`,
      field: 'cursor',
    },
    {
      name: 'a cursor with a time that is not canonical',
      method: 'GET',
      path: `/api/v1/polls?cursor=${cursorOf('2030-01-01')}`,
      field: 'cursor',
    },
    {
      name: 'a cursor with an id that is no UUID',
      method: 'GET',
      path: `/api/v1/polls?cursor=${cursorOf('2030-01-01T00:00:00.000Z', `${MARK}'--`)}`,
      field: 'cursor',
    },
    {
      name: 'a NUL in a query value',
      method: 'GET',
      path: `/api/v1/polls/current?placement=${MARK}%00`,
      field: 'placement',
    },
    {
      name: 'a DEL in a path parameter',
      method: 'GET',
      path: `/api/v1/polls/${MARK}%7F`,
      field: 'id',
    },
  ];
}

function bodies(): [string, string | Buffer][] {
  return [
    ['an unterminated object', '{"question": "x", '],
    ['a lone bracket', '['],
    ['a bare string', '"just a string"'],
    ['null', 'null'],
    ['a number', '12345'],
    ['an array', '[1,2,3]'],
    ['a missing value', '{"question":}'],
    ['trailing garbage', '{"question":"x"} trailing'],
    ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['a prototype key', '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}'],
    ['wrong types', '{"question": 42, "options": "a,b", "multipleChoice": "yes", "maxChoices": "many"}'],
    ['absurd numbers', '{"question": "x", "options": ["a","b"], "maxChoices": 1e309}'],
    ['unknown fields', '{"question": "x", "options": ["a","b"], "isAdmin": true, "totalVotes": 1000000}'],
    [
      'too many options',
      JSON.stringify({ question: 'x', options: Array.from({ length: 500 }, (_, i) => `o${i}`) }),
    ],
    ['huge strings', JSON.stringify({ question: 'q'.repeat(100000), options: ['a', 'b'] })],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])],
    ['a NUL byte', '{"question": "a\u0000b", "options": ["\u0000", "b"]}'],
    ['empty', ''],
    ['a wrong vote shape', '{"optionIds": "not-an-array"}'],
    ['non-uuid options', '{"optionIds": ["1", {"$ne": null}, null]}'],
    ['a huge option list', JSON.stringify({ optionIds: Array.from({ length: 10000 }, () => ID) })],
  ];
}

function corpus(tokens: { editor: string; admin: string; reader: string }): Shot[] {
  const targets: { method: string; path: string; headers: Record<string, string> }[] = [
    { method: 'POST', path: '/api/v1/polls', headers: { authorization: `Bearer ${tokens.editor}` } },
    { method: 'PATCH', path: `/api/v1/polls/${ID}`, headers: { authorization: `Bearer ${tokens.editor}` } },
    { method: 'POST', path: `/api/v1/polls/${ID}/votes`, headers: { 'x-reader-token': tokens.reader } },
    { method: 'POST', path: '/api/v1/auth/login', headers: {} },
    { method: 'POST', path: '/api/v1/admin/staff', headers: { authorization: `Bearer ${tokens.admin}` } },
  ];
  const shots: Shot[] = targets.flatMap((target) =>
    bodies().map(([name, body]) => ({
      name: `${target.method} ${target.path} with ${name}`,
      method: target.method,
      path: target.path,
      headers: { ...JSON_TYPE, ...target.headers },
      body,
    })),
  );
  const reader = { 'x-reader-token': tokens.reader };
  shots.push(
    {
      name: 'a body over the limit',
      method: 'POST',
      path: '/api/v1/polls',
      headers: JSON_TYPE,
      body: `{"q":"${'x'.repeat(2_000_000)}"}`,
    },
    {
      name: 'a huge header',
      method: 'GET',
      path: '/api/v1/polls',
      headers: { 'x-junk': 'x'.repeat(64 * 1024) },
    },
    {
      name: 'a huge reader token',
      method: 'GET',
      path: '/api/v1/polls',
      headers: { 'x-reader-token': 'r'.repeat(8000) },
    },
    {
      name: 'a garbage bearer',
      method: 'GET',
      path: '/api/v1/auth/me',
      headers: { authorization: 'Bearer \u00ff\u00fe' },
    },
    {
      name: 'a form body',
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a&password=b',
    },
    {
      name: 'XML',
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: { 'content-type': 'application/xml' },
      body: '<a/>',
    },
    {
      name: 'multipart to a JSON route',
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x--',
    },
    {
      name: 'a JSON body with a latin1 charset',
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json; charset=latin1' },
      body: '{"email":"a"}',
    },
    { name: 'a NUL in the path', method: 'GET', path: '/api/v1/polls/%00', headers: reader },
    { name: 'a very long id', method: 'GET', path: `/api/v1/polls/${'a'.repeat(5000)}`, headers: reader },
    { name: 'a traversal id', method: 'GET', path: '/api/v1/polls/..%2F..%2Fetc%2Fpasswd', headers: reader },
    { name: 'a broken percent-encoding', method: 'GET', path: '/api/v1/polls/%E0%A4%A', headers: reader },
    { name: 'a non-UTF-8 percent-encoding', method: 'GET', path: '/api/v1/polls/%ff%fe', headers: reader },
    { name: 'an SQL-looking id', method: 'GET', path: "/api/v1/polls/1'%20or%20'1'='1", headers: reader },
    {
      name: 'a Cyrillic id',
      method: 'GET',
      path: '/api/v1/polls/%D0%BE%D0%BF%D1%80%D0%BE%D1%81',
      headers: reader,
    },
    { name: 'a negative limit', method: 'GET', path: '/api/v1/polls?limit=-1', headers: {} },
    { name: 'an enormous limit', method: 'GET', path: '/api/v1/polls?limit=1e12', headers: {} },
    { name: 'a word as limit', method: 'GET', path: '/api/v1/polls?limit=ten', headers: {} },
    { name: 'a repeated limit', method: 'GET', path: '/api/v1/polls?limit=1&limit=2', headers: {} },
    { name: 'a forged cursor', method: 'GET', path: '/api/v1/polls?cursor=eyJ4IjoxfQ', headers: {} },
    { name: 'a cursor with symbols', method: 'GET', path: '/api/v1/polls?cursor=%27%3B--', headers: {} },
    { name: 'an unknown status', method: 'GET', path: '/api/v1/polls?status=deleted', headers: {} },
    { name: 'an unknown query field', method: 'GET', path: '/api/v1/polls?admin=true', headers: {} },
    {
      name: 'a script as placement',
      method: 'GET',
      path: '/api/v1/polls/current?placement=%3Cscript%3E',
      headers: {},
    },
    { name: 'a query object', method: 'GET', path: '/api/v1/polls?status[$ne]=open', headers: {} },
    { name: 'an unknown method', method: 'PUT', path: '/api/v1/polls', headers: JSON_TYPE, body: '{}' },
    { name: 'a non-service echo', method: 'GET', path: '/health/services/etc/echo', headers: {} },
    {
      name: 'a staff id that is no uuid',
      method: 'DELETE',
      path: '/api/v1/admin/staff/1',
      headers: { authorization: `Bearer ${tokens.admin}` },
    },
  );
  return shots;
}

describe('malformed input', () => {
  let suite: Suite;
  let http: HttpClient;
  let admin: string;
  let editor: string;

  beforeAll(async () => {
    suite = await Suite.start();
    http = new HttpClient(suite.baseUrl);
    admin = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
    const created = await http.post(
      '/api/v1/admin/staff',
      { ...EDITOR, roles: ['editor'] },
      { token: admin },
    );
    expect(created.status).toBe(201);
    editor = await http.login(EDITOR.email, EDITOR.password);
  });
  afterAll(() => suite?.stop());

  /** The rows a refused request must not have touched, straight from the database. */
  async function storedState(): Promise<string> {
    const pg = new Client({ connectionString: suite.database.url });
    await pg.connect();
    try {
      const polls = await pg.query(
        'select id, question, placement, opens_at, closes_at from polls.poll order by id',
      );
      const options = await pg.query('select id, poll_id, text, position from polls.poll_option order by id');
      const staff = await pg.query('select count(*)::int as staff from gateway.staff_account');
      return JSON.stringify([polls.rows, options.rows, staff.rows]);
    } finally {
      await pg.end();
    }
  }

  it('answers every malformed request with a 4xx and leaves the gateway healthy', async () => {
    const shots = corpus({ editor, admin, reader: await http.readerToken() });
    expect(shots.length).toBeGreaterThan(100);

    const outcomes = [];
    for (const shot of shots) {
      const headers = { ...shot.headers };
      const answer = await rawRequest(suite.baseUrl, shot.method, shot.path, headers, shot.body).catch(
        (error: Error) => ({ status: 0, contentType: undefined, body: error.message }),
      );
      outcomes.push({
        shot: shot.name,
        status: answer.status,
        problem: answer.contentType?.includes('problem+json') ?? false,
        body: answer.body,
      });
    }
    const not4xx = outcomes.filter((outcome) => outcome.status < 400 || outcome.status >= 500);
    expect(not4xx).toEqual([]);
    const leaked = outcomes.filter((outcome) => /\bat [\w.<>]+ \(|node_modules|\.ts:\d+/.test(outcome.body));
    expect(leaked).toEqual([]);
    // Node's HTTP parser answers oversized headers itself (431) before any of our code runs.
    const withoutProblem = outcomes.filter((outcome) => !outcome.problem && outcome.status !== 431);
    expect(withoutProblem.map((outcome) => outcome.shot)).toEqual([]);

    expect(suite.gateways[0].running).toBe(true);
    expect((await http.get('/health/ready')).status).toBe(200);
    const polls = await http.get('/api/v1/polls');
    expect(polls.status).toBe(200);
  });

  it('refuses hostile text, null for required values, unreadable dates and forged cursors with a 400 naming the field, and changes nothing', async () => {
    const created = await http.post(
      '/api/v1/polls',
      { question: 'Как вы добираетесь на работу?', options: ['Пешком', 'Автобус'] },
      { token: editor },
    );
    expect(created.status).toBe(201);
    const before = await storedState();

    const outcomes = [];
    for (const hostile of hostileCases(created.body.id as string)) {
      const answer = await http.call(hostile.path, {
        method: hostile.method,
        body: hostile.body,
        token: hostile.as === 'editor' ? editor : undefined,
      });
      const fields = ((answer.body as { errors?: { field: string }[] })?.errors ?? []).map(
        (row) => row.field,
      );
      outcomes.push({
        case: hostile.name,
        status: answer.status,
        problem: answer.headers.get('content-type')?.includes('application/problem+json') ?? false,
        listsField: fields.includes(hostile.field),
      });
    }
    expect(
      outcomes.filter((outcome) => outcome.status !== 400 || !outcome.problem || !outcome.listsField),
    ).toEqual([]);
    expect(await storedState()).toBe(before);
    const logged = suite.allJsonLines().filter((line) => /unexpected error/.test(String(line.msg)));
    expect(logged).toEqual([]);
    const echoed = suite.allJsonLines().filter((line) => JSON.stringify(line).includes(MARK));
    expect(echoed).toEqual([]);
  });

  it('answers an edit with null for a required value sent straight to the polls service with a 400, not a crash', async () => {
    const created = await http.post(
      '/api/v1/polls',
      { question: 'Что читать в выходные?', options: ['Новости', 'Спорт'] },
      { token: editor },
    );
    expect(created.status).toBe(201);
    const before = await storedState();
    const codec = JSONCodec();
    const nc = await connect({ servers: TEST_NATS_URL });
    try {
      const prefix = suite.commonEnv.NATS_PREFIX;
      const subject = `${prefix ? `${prefix}.` : ''}polls.poll.update`;
      const caller = { readerId: null, staffId: 'editor-over-nats', roles: ['editor'], addressHash: null };
      const data = { caller, pollId: created.body.id as string, changes: { question: null, options: null } };
      const reply = await nc.request(subject, codec.encode({ pattern: 'polls.poll.update', data, id: '1' }), {
        timeout: 5000,
      });
      const packet = codec.decode(reply.data) as { err?: { status: number; errors?: { field: string }[] } };
      expect(packet.err).toMatchObject({ status: 400, code: 'validation_failed' });
      const fields = (packet.err?.errors ?? []).map((row) => row.field);
      expect(fields).toEqual(expect.arrayContaining(['changes.question', 'changes.options']));
    } finally {
      await nc.close();
    }
    expect(await storedState()).toBe(before);
    expect(suite.service('polls').running).toBe(true);
    expect((await http.get(`/api/v1/polls/${created.body.id as string}`)).status).toBe(200);
  });
});
