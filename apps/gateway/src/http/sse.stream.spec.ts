import { get, IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { FastifyInstance } from 'fastify';
import { openSseStream, SseStream } from './sse.stream';

interface Opened {
  stream: SseStream;
  closes: number;
}

describe('the Server-Sent Events stream', () => {
  let server: FastifyInstance;
  let base: string;
  let opened: Promise<Opened>;
  let resolveOpened: (value: Opened) => void;

  beforeEach(async () => {
    opened = new Promise((resolve) => (resolveOpened = resolve));
    server = Fastify();
    server.addHook('onRequest', (_request, reply, done) => {
      void reply.header('x-request-id', 'req-1');
      done();
    });
    server.get('/stream', (request, reply) => {
      const stream = openSseStream(request, reply);
      const state = { stream, closes: 0 };
      stream.onClose(() => (state.closes += 1));
      resolveOpened(state);
    });
    await server.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });
  afterEach(() => server.close());

  function connect(): Promise<{ response: IncomingMessage; text: () => string; ended: Promise<void> }> {
    return new Promise((resolve, reject) => {
      get(`${base}/stream`, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        const ended = new Promise<void>((done) => response.on('end', done));
        resolve({ response, text: () => text, ended });
      }).on('error', reject);
    });
  }

  it('answers with an event stream that keeps the headers set before it opened', async () => {
    const { response } = await connect();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache, no-transform');
    expect(response.headers['x-request-id']).toBe('req-1');
    response.destroy();
  });

  it('writes the reconnect delay, then each event as an event and a JSON data line, and ends on close', async () => {
    const client = await connect();
    const { stream } = await opened;
    stream.send('results', { id: 'p1', question: 'Где?\nЗдесь' });
    stream.close();
    await client.ended;
    expect(client.text()).toBe(
      'retry: 3000\n\nevent: results\ndata: {"id":"p1","question":"Где?\\nЗдесь"}\n\n',
    );
  });

  it('tells its listeners once when the client goes away, and then sends nothing', async () => {
    const client = await connect();
    const state = await opened;
    const gone = new Promise<void>((resolve) => state.stream.onClose(resolve));
    client.response.destroy();
    await gone;
    expect(state.closes).toBe(1);
    expect(() => state.stream.send('results', {})).not.toThrow();
    state.stream.close();
    expect(state.closes).toBe(1);
    let late = 0;
    state.stream.onClose(() => (late += 1));
    expect(late).toBe(1);
  });
});
