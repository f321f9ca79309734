import SwaggerParser from '@apidevtools/swagger-parser';
import { HttpClient } from '@test/support/http-client';
import { Suite } from '@test/support/suite';
import { waitFor } from '@test/support/wait-for';

describe('the gateway', () => {
  let suite: Suite;
  let http: HttpClient;

  beforeAll(async () => {
    suite = await Suite.start({ gatewayEnv: { BODY_LIMIT_BYTES: '4096' } });
    http = new HttpClient(suite.baseUrl);
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
    const ui = await http.get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('exposes Prometheus metrics for HTTP and NATS requests and the process', async () => {
    await http.get('/api/v1/polls/current');
    const answer = await http.get('/metrics');
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('http_request_duration_seconds_bucket');
    expect(answer.text).toMatch(/nats_request_duration_seconds_count\{[^}]*subject="polls\.poll\.current"/);
    expect(answer.text).toContain('process_cpu_user_seconds_total');
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

  it('answers 503 within its timeout when a service does not answer, and recovers', async () => {
    await suite.service('comments').stop();
    const started = Date.now();
    const answer = await http.get('/health/services/comments/echo');
    expect(answer.status).toBe(503);
    expect(answer.body.code).toBe('service_unavailable');
    expect(Date.now() - started).toBeLessThan(3000);
    const ready = await http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.services.comments).toBe(false);
    await suite.startService('comments');
    expect((await http.get('/health/services/comments/echo')).status).toBe(200);
  });
});
