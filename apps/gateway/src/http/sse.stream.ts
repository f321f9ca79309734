import type { FastifyReply, FastifyRequest } from 'fastify';

/** How often an idle stream sends a comment line, so proxies do not close it. */
const HEARTBEAT_MS = 25000;

export interface SseStream {
  send(event: string, data: unknown): void;
  close(): void;
  /** Called once when the client goes away or the stream is closed. */
  onClose(listener: () => void): void;
}

/**
 * Takes the response over from Fastify and turns it into a Server-Sent Events stream (WHATWG HTML,
 * "Server-sent events"), keeping the headers the hooks set (X-Request-Id, security headers, CORS).
 */
export function openSseStream(request: FastifyRequest, reply: FastifyReply): SseStream {
  void reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  raw.write('retry: 3000\n\n');
  const listeners: (() => void)[] = [];
  let closed = false;
  const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const finish = (): void => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    listeners.splice(0).forEach((listener) => listener());
  };
  request.raw.on('close', finish);
  raw.on('error', finish);
  return {
    send(event, data) {
      if (!closed) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    close() {
      if (!closed) raw.end();
      finish();
    },
    onClose(listener) {
      if (closed) listener();
      else listeners.push(listener);
    },
  };
}
