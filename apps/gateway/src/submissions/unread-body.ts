import type { IncomingMessage } from 'node:http';

/** What of a refused upload is still read (and thrown away) so that the client can read the answer. */
const DISCARD_MAX_BYTES = 1024 * 1024;
const DISCARD_MAX_MS = 5000;

export function isMultipartForm(contentType: string | undefined): boolean {
  return /^multipart\/form-data\s*;/i.test(contentType ?? '');
}

/**
 * After a refusal part-way through an upload, the rest of the body is read and dropped for a little
 * while, so that a client still sending gets the problem document instead of a reset connection (a
 * socket closed with unread bytes sends RST, which can lose the answer on its way). A client that keeps
 * sending past that allowance is cut off.
 */
export function releaseUnreadBody(request: IncomingMessage): void {
  if (request.complete || request.destroyed) return;
  let discarded = 0;
  const cutOff = (): void => {
    request.socket?.destroy();
  };
  const timer = setTimeout(cutOff, DISCARD_MAX_MS);
  timer.unref();
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_MAX_BYTES) cutOff();
  });
  request.once('close', () => clearTimeout(timer));
  request.resume();
}
