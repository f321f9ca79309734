import type { LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import type { WebhookTarget } from './domain/webhook-target';

/** Only the start of a receiver's answer is kept, as the attempt's record; the rest is not read. */
const ANSWER_KEPT_BYTES = 512;

export interface PostAnswer {
  readonly status: number;
  /** The start of the answer's body, on one line. */
  readonly excerpt: string;
}

/**
 * POSTs to the target's URL over a connection to exactly the address the SSRF guard checked: the
 * connection's lookup answers with that address, so a DNS answer that changes between the check and
 * the connect (DNS rebinding) is never used. TLS still verifies the certificate against the URL's
 * host name, and no redirect is followed.
 */
export async function postPinned(
  target: WebhookTarget,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<PostAnswer> {
  const { address, family } = target.address;
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const agent = new Agent({ connect: { lookup }, connections: 1, pipelining: 0 });
  try {
    const response = await request(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal,
      dispatcher: agent,
    });
    return { status: response.statusCode, excerpt: await excerptOf(response.body) };
  } finally {
    await agent.destroy().catch(() => undefined);
  }
}

async function excerptOf(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= ANSWER_KEPT_BYTES) break;
  }
  return Buffer.concat(chunks)
    .subarray(0, ANSWER_KEPT_BYTES)
    .toString('utf8')
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .trim();
}
