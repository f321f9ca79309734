import { HttpClient } from '@test/support/http-client';
import { rawRequest } from '@test/support/raw-http';
import { Suite, SUITE_ADMIN } from '@test/support/suite';

interface Shot {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

const ID = '00000000-0000-4000-8000-000000000002';
const JSON_TYPE = { 'content-type': 'application/json' };

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

  beforeAll(async () => {
    suite = await Suite.start();
    http = new HttpClient(suite.baseUrl);
  });
  afterAll(() => suite?.stop());

  it('answers every malformed request with a 4xx and leaves the gateway healthy', async () => {
    const admin = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
    const created = await http.post(
      '/api/v1/admin/staff',
      { email: 'editor@malformed.test', password: 'editor-password-123', roles: ['editor'] },
      { token: admin },
    );
    expect(created.status).toBe(201);
    const editor = await http.login('editor@malformed.test', 'editor-password-123');
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
});
