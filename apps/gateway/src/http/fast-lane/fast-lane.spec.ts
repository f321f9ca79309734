import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import { ConflictError, RateLimitedError } from '@app/contracts';
import { corsHeadersFor, corsPluginOptions } from '../cors.policy';
import { PROBLEM_CONTENT_TYPE } from '../problem';
import { API_SECURITY_HEADERS } from '../security-headers';
import { installJsonBodyParser } from '../json-body.parser';
import { AnsweredRequest, FastLane, LaneRequest } from './fast-lane';
import { attachFastLane, serverWithFastLane } from './fast-lane.server';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const quietLogger = { log: () => undefined, error: () => undefined, warn: () => undefined };

/**
 * A real server: Fastify with the lane in front. Fastify's routes stand for the full pipeline and say
 * so in their answers (`by: fastify`), so each test sees which of the two answered.
 */
async function serve(origins: string[] = [], options: { gatewayJsonParser?: boolean } = {}) {
  const lane = new FastLane({
    corsHeaders: corsHeadersFor(origins),
    clientAddress: (request) => request.socket.remoteAddress ?? '',
    logger: quietLogger,
  });
  const answered: AnsweredRequest[] = [];
  lane.observe((entry) => answered.push(entry));
  const fastify: FastifyInstance = Fastify({ serverFactory: serverWithFastLane(lane) });
  attachFastLane(fastify, lane);
  await fastify.register(cors, corsPluginOptions(origins));
  if (options.gatewayJsonParser) installJsonBodyParser(fastify);
  fastify.get('/api/v1/things/:id', async () => ({ by: 'fastify' }));
  fastify.post('/api/v1/things/:id/marks', async (request) => ({ by: 'fastify', body: request.body }));
  fastify.post('/api/v1/things/:id/raw', async (request) => ({
    by: 'fastify',
    length: JSON.stringify(request.body).length,
  }));
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  const port = (fastify.server.address() as AddressInfo).port;
  return { lane, fastify, port, answered };
}

function send(
  port: number,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string;
    chunks?: string[];
  },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    request.on('error', reject);
    const chunks = options.chunks ?? (options.body !== undefined ? [options.body] : []);
    const writeNext = (index: number): void => {
      if (index >= chunks.length) {
        request.end();
        return;
      }
      request.write(chunks[index]);
      // Separate writes on the wire, so the lane meets a body in several pieces.
      setImmediate(() => writeNext(index + 1));
    };
    writeNext(0);
  });
}

const jsonHeaders = (body: string) => ({
  'content-type': 'application/json',
  'content-length': String(Buffer.byteLength(body)),
});

describe('the fast lane in front of Fastify', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  afterEach(() => server?.fastify.close());

  function addRead(answer: (request: LaneRequest) => string | Buffer | undefined) {
    server.lane.add({
      method: 'GET',
      route: '/api/v1/things/:id',
      path: /^\/api\/v1\/things\/([a-z0-9]+)$/,
      answer: (request) => {
        const body = answer(request);
        return body === undefined ? undefined : { status: 200, body };
      },
    });
  }

  /** A mark posted as a reader, the plain case of the lane's write route; `path` varies where it goes. */
  function postMark(body: string, path = '/api/v1/things/abc/marks') {
    return send(server.port, {
      method: 'POST',
      path,
      headers: { ...jsonHeaders(body), 'x-reader-token': 'good' },
      body,
    });
  }

  function addWrite(
    answer: (body: unknown, taken: string) => Promise<unknown> | undefined,
    maxBodyBytes = 1024,
  ) {
    server.lane.add<string>({
      method: 'POST',
      route: '/api/v1/things/:id/marks',
      path: /^\/api\/v1\/things\/([a-z0-9]+)\/marks$/,
      maxBodyBytes,
      takes: (request) => (request.raw.headers['x-reader-token'] === 'good' ? request.params[0] : undefined),
      answer: (_request, body, taken) =>
        answer(body, taken)?.then((value) => ({ status: 201, body: JSON.stringify(value) })),
    });
  }

  /** A write route answering `{ by: 'lane' }`; the function returned says how often it was asked. */
  function addCountingWrite(): () => number {
    let asked = 0;
    addWrite(async () => {
      asked += 1;
      return { by: 'lane' };
    });
    return () => asked;
  }

  it('answers a read it takes with the headers every API answer carries, and records it', async () => {
    server = await serve();
    addRead((request) => JSON.stringify({ by: 'lane', id: request.params[0], query: request.query }));
    const answer = await send(server.port, {
      path: '/api/v1/things/abc?x=1&x=2',
      headers: { 'x-request-id': 'trace-7' },
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ by: 'lane', id: 'abc', query: { x: ['1', '2'] } });
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(answer.body)));
    expect(answer.headers['x-request-id']).toBe('trace-7');
    for (const [name, value] of Object.entries(API_SECURITY_HEADERS))
      expect(answer.headers[name]).toBe(value);
    expect(server.answered).toEqual([
      expect.objectContaining({
        requestId: 'trace-7',
        method: 'GET',
        route: '/api/v1/things/:id',
        status: 200,
      }),
    ]);
  });

  it('sends a cached answer kept as UTF-8 bytes whole, its length counted in bytes', async () => {
    server = await serve();
    const cached = Buffer.from(JSON.stringify({ text: 'Комментарии читателей' }));
    addRead(() => cached);
    const answer = await send(server.port, { path: '/api/v1/things/abc' });
    expect(JSON.parse(answer.body)).toEqual({ text: 'Комментарии читателей' });
    expect(answer.headers['content-length']).toBe(String(cached.length));
  });

  it('gives a fresh request id when the caller sends none or an unsafe one', async () => {
    server = await serve();
    addRead(() => '{}');
    const answer = await send(server.port, {
      path: '/api/v1/things/abc',
      headers: { 'x-request-id': 'a b<c>' },
    });
    expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('leaves to Fastify what it declines, what its pattern does not match, and other methods', async () => {
    server = await serve();
    addRead((request) => (request.params[0] === 'cached' ? '{"by":"lane"}' : undefined));
    const by = async (method: string, path: string) =>
      JSON.parse((await send(server.port, { method, path })).body).by;
    expect(await by('GET', '/api/v1/things/cached')).toBe('lane');
    expect(await by('GET', '/api/v1/things/missed')).toBe('fastify');
    expect((await send(server.port, { path: '/api/v1/things/Cached%20' })).status).toBe(200);
    expect(await by('GET', '/api/v1/things/Cached%20')).toBe('fastify');
    expect((await send(server.port, { method: 'HEAD', path: '/api/v1/things/cached' })).body).toBe('');
    expect(server.answered).toHaveLength(1);
  });

  it('takes a write it recognises and answers it after the work settles', async () => {
    server = await serve();
    addWrite(async (body, id) => ({ by: 'lane', id, body }));
    const body = JSON.stringify({ mark: 3 });
    const answer = await postMark(body);
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body)).toEqual({ by: 'lane', id: 'abc', body: { mark: 3 } });
    expect(server.answered[0]).toMatchObject({
      method: 'POST',
      route: '/api/v1/things/:id/marks',
      status: 201,
    });
  });

  it('hands a body it declines to Fastify whole, even one that came in several pieces', async () => {
    server = await serve();
    addWrite(
      (body) => ((body as { lane?: boolean }).lane ? Promise.resolve({ by: 'lane' }) : undefined),
      64 * 1024,
    );
    const text = 'ж'.repeat(20000);
    const body = JSON.stringify({ lane: false, text });
    const pieces = [body.slice(0, 7), body.slice(7, 30001), body.slice(30001)];
    const answer = await send(server.port, {
      method: 'POST',
      path: '/api/v1/things/abc/marks',
      headers: { ...jsonHeaders(body), 'x-reader-token': 'good' },
      chunks: pieces,
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ by: 'fastify', body: { lane: false, text } });
    const broken = '{"lane": tru';
    const refused = await postMark(broken);
    // Fastify's own answer to bad JSON, as if the lane were not there.
    expect(refused.status).toBe(400);
    expect(server.answered).toHaveLength(0);
  });

  it.each([
    ['a __proto__ key', '{"mark":1,"__proto__":{"admin":true}}', 400],
    ['a __proto__ key spelled with escapes', '{"mark":1,"\\u005f_proto__":{"admin":true}}', 400],
    ['a constructor key deep down', '{"mark":{"a":{"constructor":{"prototype":{}}}}}', 400],
    ['an array', '[1,2]', 400],
    ['nesting deeper than the parser admits', `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`, 400],
  ])("leaves %s to the gateway's own JSON parser", async (_name, body, status) => {
    server = await serve([], { gatewayJsonParser: true });
    addWrite(async () => ({ by: 'lane' }), 4096);
    const answer = await postMark(body);
    expect(answer.status).toBe(status);
    expect(server.answered).toHaveLength(0);
  });

  it('leaves bytes that are not UTF-8 to Fastify, which refuses them', async () => {
    server = await serve([], { gatewayJsonParser: true });
    addWrite(async () => ({ by: 'lane' }));
    const raw = Buffer.concat([
      Buffer.from('{"mark":"a'),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    const answer = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/v1/things/abc/marks',
          headers: {
            'content-type': 'application/json',
            'content-length': raw.length,
            'x-reader-token': 'good',
          },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.end(raw);
    });
    expect(answer).toBe(400);
    expect(server.answered).toHaveLength(0);
  });

  it('does not take a write whose headers are not the plain case', async () => {
    server = await serve();
    addWrite(async () => ({ by: 'lane' }), 32);
    const body = JSON.stringify({ mark: 1 });
    const post = (headers: Record<string, string>, payload = body) =>
      send(server.port, { method: 'POST', path: '/api/v1/things/abc/marks', headers, body: payload }).then(
        (answer) => JSON.parse(answer.body).by,
      );
    expect(await post({ ...jsonHeaders(body), 'x-reader-token': 'good' })).toBe('lane');
    expect(await post({ ...jsonHeaders(body) })).toBe('fastify');
    expect(
      await post({ ...jsonHeaders(body), 'x-reader-token': 'good', 'content-type': 'text/json' }),
    ).toBeUndefined();
    expect(
      await post({
        'content-type': 'application/json',
        'transfer-encoding': 'chunked',
        'x-reader-token': 'good',
      }),
    ).toBe('fastify');
    const long = JSON.stringify({ mark: 1, pad: 'x'.repeat(40) });
    expect(await post({ ...jsonHeaders(long), 'x-reader-token': 'good' }, long)).toBe('fastify');
  });

  it('writes a refusal as the problem document the full pipeline would', async () => {
    server = await serve(['https://portal.example']);
    addWrite((body) =>
      Promise.reject(
        (body as { cap?: boolean }).cap
          ? new RateLimitedError('Too many votes from this address.', 120)
          : new ConflictError('already_voted', 'This reader has already voted.'),
      ),
    );
    const body = JSON.stringify({ cap: true });
    const answer = await send(server.port, {
      method: 'POST',
      path: '/api/v1/things/abc/marks',
      headers: {
        ...jsonHeaders(body),
        'x-reader-token': 'good',
        'accept-language': 'ru',
        origin: 'https://portal.example',
      },
      body,
    });
    expect(answer.status).toBe(429);
    expect(answer.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(answer.headers['retry-after']).toBe('120');
    expect(answer.headers['content-language']).toBe('ru');
    expect(answer.headers.vary).toBe('Origin, Accept-Language');
    expect(answer.headers['access-control-allow-origin']).toBe('https://portal.example');
    const problem = JSON.parse(answer.body);
    expect(problem).toMatchObject({
      status: 429,
      code: 'rate_limited',
      requestId: answer.headers['x-request-id'],
    });
    const conflict = await send(server.port, {
      method: 'POST',
      path: '/api/v1/things/abc/marks',
      headers: { ...jsonHeaders('{}'), 'x-reader-token': 'good' },
      body: '{}',
    });
    expect(conflict.status).toBe(409);
    expect(JSON.parse(conflict.body)).toMatchObject({
      code: 'already_voted',
      detail: 'This reader has already voted.',
    });
  });

  it.each([
    [[]],
    [['https://portal.example']],
    [['https://portal.example', 'https://m.portal.example']],
    [['*']],
  ])('adds the CORS headers @fastify/cors adds, for origins %j', async (origins) => {
    server = await serve(origins);
    addRead((request) => (request.params[0] === 'cached' ? '{}' : undefined));
    const corsOf = (answer: Answer) =>
      Object.fromEntries(
        Object.entries(answer.headers).filter(
          ([name]) => name === 'vary' || name.startsWith('access-control-'),
        ),
      );
    for (const origin of [undefined, 'https://portal.example', 'https://elsewhere.example']) {
      const headers: Record<string, string> = origin ? { origin } : {};
      const lane = await send(server.port, { path: '/api/v1/things/cached', headers });
      const plugin = await send(server.port, { path: '/api/v1/things/missed', headers });
      expect(JSON.parse(plugin.body).by).toBe('fastify');
      expect(corsOf(lane)).toEqual(corsOf(plugin));
    }
  });

  it('survives a client that goes away halfway through a body, and serves the next one', async () => {
    server = await serve();
    const answered = addCountingWrite();
    await new Promise<void>((resolve) => {
      const request = httpRequest({
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: '/api/v1/things/abc/marks',
        headers: { 'content-type': 'application/json', 'content-length': '100', 'x-reader-token': 'good' },
      });
      request.on('error', () => resolve());
      request.write('{"mark":', () => setImmediate(() => request.destroy()));
      request.on('close', () => resolve());
    });
    const body = '{"mark":2}';
    const next = await postMark(body);
    expect(next.status).toBe(201);
    expect(answered()).toBe(1);
  });

  it('leaves a write with a query string to Fastify, before its route is asked', async () => {
    server = await serve();
    const asked = addCountingWrite();
    const answer = await postMark('{"mark":1}', '/api/v1/things/abc/marks?notify=1');
    expect(JSON.parse(answer.body)).toEqual({ by: 'fastify', body: { mark: 1 } });
    expect([asked(), server.answered]).toEqual([0, []]);
  });

  it('leaves everything to Fastify once the server closes', async () => {
    server = await serve();
    addRead(() => '{"by":"lane"}');
    server.lane.close();
    expect(JSON.parse((await send(server.port, { path: '/api/v1/things/abc' })).body).by).toBe('fastify');
  });
});
