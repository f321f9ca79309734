import { request } from 'node:http';
import type { HostileRequest } from './hostile-request';

export interface Outcome {
  request: HostileRequest;
  /** 0 when no answer came: the connection failed or the deadline passed. */
  status: number;
  contentType?: string;
  body: string;
  elapsedMs: number;
  error?: string;
}

/** Errors of our own write to a connection the server ended after answering a refused body. */
const CUT_WHILE_WRITING = new Set(['EPIPE', 'ECONNRESET']);

/**
 * Sends the request's bytes as they are and waits at most `deadlineMs` for the whole answer. A server
 * may answer a body it refuses (too large) before reading it and end the connection; when our own write
 * then fails before Node has read that answer, the answer is lost on our side, so the request is sent
 * once more. A server that really drops such requests drops the second one too.
 */
export async function send(baseUrl: string, hostile: HostileRequest, deadlineMs: number): Promise<Outcome> {
  const first = await sendOnce(baseUrl, hostile, deadlineMs);
  if (first.status !== 0 || !first.errorCode || !CUT_WHILE_WRITING.has(first.errorCode)) return first;
  const second = await sendOnce(baseUrl, hostile, deadlineMs);
  return { ...second, elapsedMs: first.elapsedMs + second.elapsedMs };
}

function sendOnce(
  baseUrl: string,
  hostile: HostileRequest,
  deadlineMs: number,
): Promise<Outcome & { errorCode?: string }> {
  const url = new URL(baseUrl);
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<Outcome, 'request' | 'elapsedMs'> & { errorCode?: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ request: hostile, elapsedMs: Date.now() - started, ...outcome });
    };
    // Header values go out as their UTF-8 bytes: Node only writes latin1, and hostile tokens are not ASCII.
    const headers = Object.fromEntries(
      Object.entries({ ...hostile.headers, 'content-length': String(hostile.body?.length ?? 0) }).map(
        ([name, value]) => [name, Buffer.from(value, 'utf8').toString('latin1')],
      ),
    );
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: hostile.method,
        path: hostile.path,
        headers,
        insecureHTTPParser: true,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          finish({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'],
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (error) => finish({ status: res.statusCode ?? 0, body: '', error: error.message }));
      },
    );
    const timer = setTimeout(() => {
      finish({ status: 0, body: '', error: `no answer within ${deadlineMs} ms` });
      req.destroy();
    }, deadlineMs);
    // The server may answer and close before reading a refused body: that is an answer, not a failure.
    req.on('error', (error: NodeJS.ErrnoException) =>
      setTimeout(() => finish({ status: 0, body: '', error: error.message, errorCode: error.code }), 50),
    );
    if (hostile.body?.length) req.write(hostile.body);
    req.end();
  });
}

/** Runs `work` over the items with at most `limit` at a time, keeping the input order in the result. */
export async function mapBounded<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
