import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { makeProblem, PROBLEM_CONTENT_TYPE, titleFor } from './problem';

/** What Node's HTTP parser reports, and the problem each is answered with. */
function classify(code: string | undefined): { status: number; code: string } {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, code: 'headers_too_large' };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, code: 'request_timeout' };
  return { status: 400, code: 'bad_request' };
}

/**
 * Fastify's `clientErrorHandler`: answers what Node's parser refuses before any request exists (a
 * malformed request line, headers over the limit, a timed-out request) with a problem document
 * instead of Fastify's own JSON. There are no parsed headers here, so the answer is in English.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
  const { status, code } = classify(error.code);
  const requestId = randomUUID();
  const body = JSON.stringify({ ...makeProblem(status, code), requestId });
  socket.end(
    [
      `HTTP/1.1 ${status} ${titleFor(status)}`,
      `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Content-Language: en',
      'X-Content-Type-Options: nosniff',
      `X-Request-Id: ${requestId}`,
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}
