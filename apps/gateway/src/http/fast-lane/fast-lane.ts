import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parse as parseQuery, type ParsedUrlQuery } from 'node:querystring';
import type { LoggerService } from '@nestjs/common';
import { requestContext } from '@app/runtime';
import { MAX_JSON_DEPTH } from '../json-body.parser';
import { problemAnswer } from '../problem.reply';
import { requestIdFrom } from '../request-id';
import type { CorsHeaders } from '../cors.policy';
import { AnswerHeaders } from './answer-headers';

/** What a lane route sees of a request. */
export interface LaneRequest {
  readonly raw: IncomingMessage;
  /** The request id, as Fastify would have given it. */
  readonly id: string;
  /** The captures of the route's pattern, undecoded (patterns admit no percent sign). */
  readonly params: readonly string[];
  /** The query string as Fastify parses it: repeated keys give arrays. */
  readonly query: ParsedUrlQuery;
}

/** A successful answer; problems are thrown and written as problem documents. */
export interface LaneAnswer {
  status: number;
  /** JSON text, or its UTF-8 bytes when a cached answer keeps them (no encoding per request). */
  body: string | Buffer;
}

interface LaneRouteBase {
  /** Fastify's pattern for the same route: the `route` label of the request metrics. */
  readonly route: string;
  /** The whole path (no query string); a path that does not match goes to Fastify. */
  readonly path: RegExp;
}

export interface LaneReadRoute extends LaneRouteBase {
  readonly method: 'GET';
  /** The answer, or undefined when the full pipeline must give it (a cache miss, a credential). */
  answer(request: LaneRequest): LaneAnswer | undefined;
}

/** A write with a query string is never the plain case: the lane leaves it to Fastify before `takes`. */
export interface LaneWriteRoute<TTaken = unknown> extends LaneRouteBase {
  readonly method: 'POST';
  /** Bodies with a larger Content-Length go to Fastify (which enforces the real limit). */
  readonly maxBodyBytes: number;
  /**
   * Decided on the headers alone, before the body is read: what the lane takes the request with (the
   * caller, say), or undefined to leave it to Fastify.
   */
  takes(request: LaneRequest): TTaken | undefined;
  /**
   * The answer for the body: a JSON object as the gateway's body parser admits it (see plainObjectOf).
   * Undefined hands the request, body and all, to the full pipeline, which answers as if the lane
   * were not there.
   */
  answer(request: LaneRequest, body: object, taken: TTaken): Promise<LaneAnswer> | undefined;
}

export type LaneRoute<TTaken = unknown> = LaneReadRoute | LaneWriteRoute<TTaken>;

export interface FastLaneOptions {
  /** The CORS headers of an answer, given the request's Origin (see cors.policy). */
  corsHeaders(origin: string | undefined): CorsHeaders;
  /** The client's address as Fastify works it out (trusted proxies included). */
  clientAddress(request: IncomingMessage): string;
  logger: LoggerService;
}

/** What the gateway records of every answer (metrics, access log), the lane's included. */
export interface AnsweredRequest {
  requestId: string;
  method: string;
  route: string;
  status: number;
  seconds: number;
}

export type LaneObserver = (answered: AnsweredRequest) => void;

const JSON_CONTENT_TYPE = /^application\/json\s*(;\s*charset=utf-8\s*)?$/i;
const JSON_ANSWER_TYPE = 'application/json; charset=utf-8';

/**
 * The gateway's hottest requests — a cached poll or comment page, a vote — answered before Fastify:
 * no request and reply objects, no hooks, no routing tree, no Nest pipeline. Only what a bare route
 * would do, plus the headers every answer of the API must carry (security headers, the request id,
 * CORS) and the request metrics. Everything a lane route does not recognise as its plain, common case
 * goes to Fastify unchanged (a POST with the body it sent), so the full pipeline stays the one
 * definition of every route's behaviour; the lane is a shortcut for part of it, never a second version.
 */
export class FastLane {
  private readonly reads: LaneReadRoute[] = [];
  private readonly writes: LaneWriteRoute[] = [];
  private closing = false;
  private observer: LaneObserver = () => undefined;
  private readonly headers = new AnswerHeaders();

  constructor(private readonly options: FastLaneOptions) {}

  add<TTaken>(route: LaneRoute<TTaken>): void {
    if (route.method === 'GET') this.reads.push(route);
    else this.writes.push(route);
  }

  observe(observer: LaneObserver): void {
    this.observer = observer;
  }

  /** From the server's close on, everything goes to Fastify, which answers 503 while it closes. */
  close(): void {
    this.closing = true;
  }

  clientAddress(request: IncomingMessage): string {
    return this.options.clientAddress(request);
  }

  /** Takes the request (and answers it) or returns false, having touched nothing. */
  take(raw: IncomingMessage, response: ServerResponse, toFastify: () => void): boolean {
    if (this.closing) return false;
    const method = raw.method;
    const routes = method === 'GET' ? this.reads : method === 'POST' ? this.writes : undefined;
    if (!routes || routes.length === 0) return false;
    const url = raw.url ?? '';
    const mark = url.indexOf('?');
    const path = mark === -1 ? url : url.slice(0, mark);
    for (const route of routes) {
      const match = route.path.exec(path);
      if (!match) continue;
      const request: LaneRequest = {
        raw,
        id: requestIdFrom(raw.headers['x-request-id']),
        params: match.slice(1),
        query: mark === -1 ? {} : parseQuery(url.slice(mark + 1)),
      };
      return route.method === 'GET'
        ? this.read(route, request, response)
        : this.write(route, request, response, toFastify);
    }
    return false;
  }

  private read(route: LaneReadRoute, request: LaneRequest, response: ServerResponse): boolean {
    const started = performance.now();
    const answer = route.answer(request);
    if (!answer) return false;
    this.send(route, request, response, answer.status, JSON_ANSWER_TYPE, answer.body, started);
    return true;
  }

  private write(
    route: LaneWriteRoute,
    request: LaneRequest,
    response: ServerResponse,
    toFastify: () => void,
  ): boolean {
    const headers = request.raw.headers;
    const length = Number(headers['content-length']);
    if (
      Object.keys(request.query).length > 0 ||
      !(length > 0 && length <= route.maxBodyBytes) ||
      headers['transfer-encoding'] !== undefined ||
      headers['content-encoding'] !== undefined ||
      headers.expect !== undefined ||
      !JSON_CONTENT_TYPE.test(headers['content-type'] ?? '')
    ) {
      return false;
    }
    const taken = route.takes(request);
    if (taken === undefined) return false;
    const started = performance.now();
    readWhole(request.raw, length, (body) => {
      const answering = this.answerFor(route, request, body, taken);
      if (!answering) {
        // The body goes back in front of the stream, as if never read, for Fastify's parser.
        request.raw.unshift(body);
        toFastify();
        return;
      }
      answering.then(
        (answer) =>
          this.send(route, request, response, answer.status, JSON_ANSWER_TYPE, answer.body, started),
        (error: unknown) => {
          const problem = problemAnswer(
            error,
            {
              id: request.id,
              acceptLanguage: request.raw.headers['accept-language'],
              vary: this.options.corsHeaders(request.raw.headers.origin).vary,
            },
            this.options.logger,
          );
          this.send(
            route,
            request,
            response,
            problem.status,
            undefined,
            problem.body,
            started,
            problem.headers,
          );
        },
      );
    });
    return true;
  }

  private answerFor(
    route: LaneWriteRoute,
    request: LaneRequest,
    body: Buffer,
    taken: unknown,
  ): Promise<LaneAnswer> | undefined {
    // Bytes that are not UTF-8 are Fastify's to refuse (its byte count of the decoded text differs).
    if (!isUtf8(body)) return undefined;
    const parsed = plainObjectOf(body.toString('utf8'));
    if (!parsed) return undefined;
    // The route and everything it awaits run inside the request id (for log lines and NATS headers).
    try {
      return requestContext.run({ requestId: request.id }, () => route.answer(request, parsed, taken));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private send(
    route: LaneRoute,
    request: LaneRequest,
    response: ServerResponse,
    status: number,
    contentType: string | undefined,
    body: string | Buffer,
    started: number,
    extra?: Record<string, string>,
  ): void {
    if (response.headersSent || response.destroyed) return;
    const headers = this.headers.of(
      this.options.corsHeaders(request.raw.headers.origin),
      request.id,
      contentType,
      typeof body === 'string' ? Buffer.byteLength(body) : body.length,
      extra,
    );
    response.writeHead(status, headers);
    response.end(body);
    this.observer({
      requestId: request.id,
      method: route.method,
      route: route.route,
      status,
      seconds: (performance.now() - started) / 1000,
    });
  }
}

/**
 * The body as the gateway's JSON parser admits it: a JSON object nesting at most MAX_JSON_DEPTH levels,
 * with no `__proto__` or `constructor` key at any depth (Fastify's parser refuses the first, and the
 * second with a prototype; the lane leaves both to it). Anything else is left to that parser too.
 */
export function plainObjectOf(text: string): object | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const stack: [object, number][] = [[parsed, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (depth > MAX_JSON_DEPTH) return undefined;
    for (const key of Object.keys(value)) {
      if (key === '__proto__' || key === 'constructor') return undefined;
      const child: unknown = (value as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return parsed;
}

/**
 * Reads exactly `length` bytes of body, then hands them over with the stream paused and before its
 * end is reported, so they can still be put back (`unshift`) for another reader. Nothing is handed
 * over when the client goes away first; the socket's own error handling answers for it.
 */
function readWhole(raw: IncomingMessage, length: number, then: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let received = 0;
  const onData = (chunk: Buffer): void => {
    chunks.push(chunk);
    received += chunk.length;
    if (received < length) return;
    raw.pause();
    raw.off('data', onData);
    raw.off('error', onGone);
    raw.off('aborted', onGone);
    then(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received));
  };
  const onGone = (): void => {
    raw.off('data', onData);
  };
  raw.on('data', onData);
  raw.on('error', onGone);
  raw.on('aborted', onGone);
}
