import type { CorsHeaders } from '../cors.policy';
import { API_SECURITY_HEADERS } from '../security-headers';

/**
 * The headers of a lane answer, as the flat `[name, value, …]` list Node's `writeHead` takes. What every
 * answer with one CORS outcome shares (the API's security headers and the CORS headers) is listed once
 * per outcome; a header object spread together for every answer, and Node walking its keys, cost about
 * a fifth of the gateway's CPU per cached read.
 */
export class AnswerHeaders {
  private readonly shared = new WeakMap<CorsHeaders, readonly string[]>();

  /**
   * `cors` is one of the few frozen outcomes `corsHeadersFor` gives, the same object each time, so the
   * shared part is keyed on it. `extra` (a problem document's own headers) replaces any shared header
   * of the same name, `Vary` say; it is rare, and built the slow way.
   */
  of(
    cors: CorsHeaders,
    requestId: string,
    contentType: string | undefined,
    contentLength: number,
    extra?: Readonly<Record<string, string>>,
  ): string[] {
    const headers = extra
      ? Object.entries({ ...API_SECURITY_HEADERS, ...cors, ...extra }).flat()
      : this.sharedBy(cors).slice();
    headers.push('x-request-id', requestId);
    if (contentType) headers.push('content-type', contentType);
    headers.push('content-length', String(contentLength));
    return headers;
  }

  private sharedBy(cors: CorsHeaders): readonly string[] {
    let shared = this.shared.get(cors);
    if (!shared) {
      shared = Object.entries({ ...API_SECURITY_HEADERS, ...cors }).flat();
      this.shared.set(cors, shared);
    }
    return shared;
  }
}
