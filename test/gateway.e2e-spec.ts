import SwaggerParser from '@apidevtools/swagger-parser';
import { HttpClient } from '@test/support/http-client';
import { Suite, SUITE_ADMIN } from '@test/support/suite';
import { waitFor } from '@test/support/wait-for';
import { socketExchange } from '@test/support/raw-socket';
import { gzipSync } from 'node:zlib';

describe('the gateway', () => {
  let suite: Suite;
  let http: HttpClient;
  let ops: HttpClient;

  beforeAll(async () => {
    suite = await Suite.start({ gatewayEnv: { BODY_LIMIT_BYTES: '4096' } });
    http = new HttpClient(suite.baseUrl);
    ops = new HttpClient(suite.gatewayOpsUrls[0]);
  });
  afterAll(() => suite?.stop());

  it('is live and ready when NATS, the database and every service answer', async () => {
    expect((await http.get('/health/live')).status).toBe(200);
    const ready = await http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'up',
      nats: true,
      database: true,
      services: { polls: true, comments: true, reporter: true, notifications: true },
    });
  });

  it('answers an unknown route with a 404 problem document', async () => {
    const answer = await http.get('/api/v1/no-such-thing');
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ status: 404, title: 'Not Found', type: expect.any(String) });
    expect(answer.text).not.toMatch(/at .*\.js:\d+/);
  });

  it('answers malformed JSON with 400 and a problem document', async () => {
    const answer = await http.call('/api/v1/auth/login', {
      method: 'POST',
      rawBody: '{"email": "a@b.c", "password": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ status: 400, type: expect.stringContaining('problem') });
  });

  it('lists every invalid field of a request', async () => {
    const answer = await http.post('/api/v1/auth/login', { email: 42, password: '', extra: true });
    expect(answer.status).toBe(400);
    const fields = (answer.body.errors as { field: string }[]).map((error) => error.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['email', 'password', 'extra']));
  });

  it('takes a body of exactly the limit and refuses one byte more with 413', async () => {
    const bodyOf = (size: number) => {
      const skeleton = JSON.stringify({ email: 'a@b.c', password: '' });
      return JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(size - skeleton.length) });
    };
    const post = (body: string) =>
      http.call('/api/v1/auth/login', {
        method: 'POST',
        rawBody: body,
        headers: { 'content-type': 'application/json' },
      });
    expect(Buffer.byteLength(bodyOf(4096))).toBe(4096);
    const atLimit = await post(bodyOf(4096));
    expect(atLimit.status).not.toBe(413);
    expect(atLimit.status).toBe(400); // parsed and validated: the password is longer than allowed
    expect((await post(bodyOf(4097))).status).toBe(413);
  });

  it('refuses a body over the limit with 413 and a wrong content type with 415', async () => {
    const big = await http.call('/api/v1/auth/login', {
      method: 'POST',
      rawBody: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(5000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.status).toBe(413);
    expect(big.body.status).toBe(413);
    const wrongType = await http.call('/api/v1/auth/login', {
      method: 'POST',
      rawBody: 'email=a@b.c',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.status).toBe(415);
  });

  it('refuses a request body with a Content-Encoding other than identity with 415 before parsing it', async () => {
    const body = JSON.stringify({ email: 'a@b.c', password: 'whatever' });
    const gzipped = await http.call('/api/v1/auth/login', {
      method: 'POST',
      rawBody: gzipSync(body),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(gzipped.status).toBe(415);
    expect(gzipped.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(gzipped.body).toMatchObject({ status: 415, code: 'unsupported_content_encoding' });
    const stacked = await http.call('/api/v1/auth/login', {
      method: 'POST',
      rawBody: body,
      headers: { 'content-type': 'application/json', 'content-encoding': 'identity, br' },
    });
    expect(stacked.status).toBe(415);
    const identity = await http.call('/api/v1/auth/login', {
      method: 'POST',
      rawBody: body,
      headers: { 'content-type': 'application/json', 'content-encoding': 'Identity' },
    });
    expect(identity.status).toBe(401);
  });

  it('answers what Node refuses before routing (431, a broken request line) with a problem document', async () => {
    const huge = await socketExchange(
      suite.baseUrl,
      `GET /api/v1/polls HTTP/1.1\r\nHost: x\r\nX-Junk: ${'x'.repeat(20 * 1024)}\r\n\r\n`,
    );
    expect(huge.status).toBe(431);
    expect(huge.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(huge.body)).toMatchObject({
      status: 431,
      code: 'headers_too_large',
      type: expect.any(String),
    });

    const garbled = await socketExchange(
      suite.baseUrl,
      'GET\u0001 /api/v1/polls HTTP/1.1\r\nHost: x\r\n\r\n',
    );
    expect(garbled.status).toBe(400);
    expect(JSON.parse(garbled.body)).toMatchObject({ status: 400, code: 'bad_request' });

    const badHeader = await socketExchange(suite.baseUrl, 'GET /health/live HTTP/1.1\r\nHost x\r\n\r\n');
    expect(badHeader.status).toBe(400);
    expect(badHeader.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(suite.gateways[0].running).toBe(true);
  });

  it('writes the detail of a problem in the language of Accept-Language and keeps its code', async () => {
    const path = '/api/v1/polls/00000000-0000-4000-8000-00000000abcd';
    const russian = await http.get(path, { headers: { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.8' } });
    expect(russian.status).toBe(404);
    expect(russian.headers.get('content-language')).toBe('ru');
    expect(russian.body.detail).toMatch(/^[^a-z]*[а-яё][^a-z]*$/i);
    const english = await http.get(path, { headers: { 'accept-language': 'en-GB' } });
    expect(english.headers.get('content-language')).toBe('en');
    expect(english.body.code).toBe(russian.body.code);
    expect(english.body.detail).toMatch(/^[\x20-\x7e]+$/);
    expect(russian.body.detail).not.toBe(english.body.detail);
    const unstated = await http.get('/api/v1/no-such-thing');
    expect(unstated.headers.get('content-language')).toBe('en');
    expect(unstated.body.detail).toBe('There is nothing at this address.');
    const invalid = await http.post(
      '/api/v1/auth/login',
      { email: 42 },
      { headers: { 'accept-language': 'ru' } },
    );
    expect(invalid.body.detail).toBe('Запрос заполнен с ошибками.');
    expect(invalid.body.errors.map((error: { field: string }) => error.field)).toContain('email');
  });

  it('returns the X-Request-Id it was given, or a new one', async () => {
    const given = await http.get('/health/live', { headers: { 'x-request-id': 'trace-me-123' } });
    expect(given.headers.get('x-request-id')).toBe('trace-me-123');
    const generated = await http.get('/health/live');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await http.get('/health/live', { headers: { 'x-request-id': 'bad id\twith spaces' } });
    expect(hostile.headers.get('x-request-id')).not.toContain('bad id');
  });

  it('carries the request id into the log lines of the gateway and of the service that answered', async () => {
    const requestId = `req-${Date.now()}`;
    const answer = await http.get('/api/v1/polls/00000000-0000-4000-8000-000000000000', {
      headers: { 'x-request-id': requestId },
    });
    expect(answer.status).toBe(404);
    await waitFor(
      () =>
        suite
          .service('polls')
          .jsonLines()
          .some((line) => line.requestId === requestId),
      5000,
      'the polls service to log the request',
    );
    await waitFor(
      () => suite.gateways[0].jsonLines().some((line) => line.requestId === requestId && line.status === 404),
      5000,
      'the gateway to log the request',
    );
    expect(suite.allJsonLines().every((line) => typeof line.level === 'string')).toBe(true);
  });

  it('publishes an OpenAPI 3 document that lists every route of the contract', async () => {
    const answer = await http.get('/api/docs-json');
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toMatch(/^3\./);
    const paths = Object.keys(answer.body.paths as object);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/reader-tokens',
        '/api/v1/auth/login',
        '/api/v1/auth/me',
        '/api/v1/admin/staff',
        '/api/v1/admin/staff/{id}',
        '/api/v1/polls',
        '/api/v1/polls/current',
        '/api/v1/polls/{id}',
        '/api/v1/polls/{id}/close',
        '/api/v1/polls/{id}/votes',
        '/api/v1/polls/{id}/live',
        '/api/v1/polls/{id}/results.csv',
        '/health/live',
        '/health/ready',
      ]),
    );
    // A structurally valid OpenAPI 3 document: every schema, reference and operation checks out.
    await expect(SwaggerParser.validate(structuredClone(answer.body))).resolves.toBeDefined();

    type Operation = {
      parameters?: { name: string; in: string; schema: { format?: string } }[];
      responses: Record<
        string,
        { content?: Record<string, { schema: { $ref?: string } }>; headers?: object }
      >;
    };
    const operation = (path: string, method: string) => answer.body.paths[path][method] as Operation;
    const errorsOf = (op: Operation) => Object.keys(op.responses).filter((status) => Number(status) >= 400);
    expect(answer.body.components.schemas.Problem.required).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'code']),
    );
    const vote = operation('/api/v1/polls/{id}/votes', 'post');
    expect(errorsOf(vote)).toEqual(
      expect.arrayContaining(['400', '401', '404', '409', '413', '415', '422', '429', '503']),
    );
    expect(vote.responses['409'].content?.['application/problem+json'].schema.$ref).toBe(
      '#/components/schemas/Problem',
    );
    expect(vote.responses['429'].headers).toHaveProperty('Retry-After');
    expect(vote.responses['503'].headers).toHaveProperty('Retry-After');
    expect(vote.parameters?.find((parameter) => parameter.name === 'id')?.schema.format).toBe('uuid');
    const login = operation('/api/v1/auth/login', 'post');
    expect(errorsOf(login)).toEqual(['400', '401', '413', '415', '429']);
    expect(errorsOf(operation('/api/v1/polls/{id}/live', 'get'))).toEqual(
      expect.arrayContaining(['404', '429', '503']),
    );
    const removeStaff = operation('/api/v1/admin/staff/{id}', 'delete');
    expect(errorsOf(removeStaff)).toEqual(expect.arrayContaining(['401', '403', '404', '409']));
    expect(removeStaff.parameters?.[0].schema.format).toBe('uuid');
    // Every error any operation declares is a problem document.
    const declared = Object.values(answer.body.paths as Record<string, Record<string, Operation>>)
      .flatMap((item) => Object.values(item))
      .flatMap((op) => Object.entries(op.responses).filter(([status]) => Number(status) >= 400));
    expect(declared.filter(([, response]) => !response.content?.['application/problem+json'])).toEqual([]);
    const ui = await http.get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('sends security headers and no CORS grant to an unlisted origin', async () => {
    const answer = await http.get('/health/live', { headers: { origin: 'https://evil.example' } });
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    const api = await http.get('/api/v1/polls', { headers: { origin: 'https://evil.example' } });
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(api.headers.get('cache-control')).toBe('no-store');
    expect(api.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('caps open live streams per client address with a 429 and frees a place when one closes', async () => {
    const admin = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
    const poll = await http.post(
      '/api/v1/polls',
      { question: 'Сколько вкладок с трансляцией у вас открыто?', options: ['Одна', 'Много'] },
      { token: admin },
    );
    expect(poll.status).toBe(201);
    const gateway = await suite.startGateway({ TRUST_PROXY: '127.0.0.1', LIVE_STREAMS_PER_ADDRESS: '3' });
    const open = async (address: string) => {
      const controller = new AbortController();
      const response = await fetch(`${gateway}/api/v1/polls/${poll.body.id}/live`, {
        headers: { accept: 'text/event-stream', 'x-forwarded-for': address },
        signal: controller.signal,
      });
      return { response, close: () => controller.abort() };
    };
    const streams = [];
    for (let index = 0; index < 3; index += 1) streams.push(await open('198.51.100.40'));
    expect(streams.map((stream) => stream.response.status)).toEqual([200, 200, 200]);

    const refused = await open('198.51.100.40');
    expect(refused.response.status).toBe(429);
    expect(refused.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.response.json()) as { code: string }).code).toBe('rate_limited');
    const elsewhere = await open('198.51.100.41');
    expect(elsewhere.response.status).toBe(200);

    streams[0].close();
    let again = refused;
    await waitFor(
      async () => {
        again = await open('198.51.100.40');
        return again.response.status === 200;
      },
      5000,
      'a closed stream to give its place back',
    );
    expect((await open('198.51.100.40')).response.status).toBe(429);
    [...streams, elsewhere, again].forEach((stream) => stream.close());
  });

  it('answers 503 within its timeout when a service does not answer, and recovers', async () => {
    await suite.service('comments').stop();
    const started = Date.now();
    const answer = await ops.get('/health/services/comments/echo');
    expect(answer.status).toBe(503);
    expect(answer.body.code).toBe('service_unavailable');
    expect(Date.now() - started).toBeLessThan(3000);
    // A reader is told when to try again.
    const page = await http.get('/api/v1/articles/while-comments-is-down/comments');
    expect([page.status, page.headers.get('retry-after')]).toEqual([503, '1']);
    const ready = await http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.services.comments).toBe(false);
    await suite.startService('comments');
    expect((await ops.get('/health/services/comments/echo')).status).toBe(200);
  });
});
