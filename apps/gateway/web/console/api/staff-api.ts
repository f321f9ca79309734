import { request, type Answer, type Problem } from '@web/shared/api/request';
import { urlOf, type ApiRoute, type QueryValue } from './route';

/** A refused or failed call, with the text to show: the problem document's detail when there is one. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problem: Problem | null,
  ) {
    super(message);
  }

  /** The messages of the fields the server refused, by field name. */
  fieldErrors(): Record<string, string> {
    const found: Record<string, string> = {};
    for (const error of this.problem?.errors ?? []) {
      if (error.field && error.message) found[error.field] = error.message;
    }
    return found;
  }
}

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What the client needs from the rest of the console: the token, the language, and who to tell of a 401. */
export interface ApiContext {
  token(): string | null;
  language(): string;
  /** The server no longer accepts the token (expired, account removed): the session ends. */
  unauthorized(): void;
  /** Texts for failures that carry no problem document. */
  failureText(kind: 'network' | 'unexpected', status: number): string;
}

export interface Download {
  blob: Blob;
  fileName: string;
}

/** The gateway's API as staff call it: every answer that is not a 2xx becomes an `ApiFailure`. */
export class StaffApi {
  constructor(private readonly context: ApiContext) {}

  async call<T>(apiRoute: ApiRoute, options: CallOptions = {}): Promise<T> {
    const answer = await request<T | Problem>('', urlOf(apiRoute, options.params, options.query), {
      method: apiRoute.method,
      body: options.body,
      headers: { ...this.authorization(), ...options.headers },
      language: this.context.language(),
    });
    if (answer.status >= 200 && answer.status < 300) return answer.body as T;
    throw this.failureOf(answer as Answer<Problem>);
  }

  /** A file the API serves (an attachment, a CSV), fetched with the staff token. */
  async download(apiRoute: ApiRoute, params: Record<string, string> = {}): Promise<Download> {
    let response: Response;
    try {
      response = await fetch(urlOf(apiRoute, params), {
        headers: { ...this.authorization(), 'Accept-Language': this.context.language() },
        credentials: 'omit',
      });
    } catch {
      throw new ApiFailure(0, this.context.failureText('network', 0), null);
    }
    if (!response.ok) {
      let problem: Problem | null = null;
      try {
        problem = (await response.json()) as Problem;
      } catch {
        // not a problem document
      }
      throw this.failureOf({ status: response.status, body: problem, retryAfter: null });
    }
    return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('Content-Disposition')) };
  }

  /**
   * Server-Sent Events from a staff route. EventSource cannot send a token, so the stream is read with
   * fetch; it reconnects after a pause until `signal` aborts, unless the server refused it for good.
   */
  async stream(
    apiRoute: ApiRoute,
    onEvent: (event: string, data: unknown) => void,
    signal: AbortSignal,
    params: Record<string, string> = {},
  ): Promise<void> {
    while (!signal.aborted) {
      try {
        const response = await fetch(urlOf(apiRoute, params), {
          headers: { ...this.authorization(), Accept: 'text/event-stream' },
          credentials: 'omit',
          signal,
        });
        if (response.status === 401) {
          this.context.unauthorized();
          return;
        }
        // A stream that is gone or refused (a deleted poll, a role taken away) will not come back by
        // asking again; a busy server (429, 503) or a dropped connection may.
        if (response.status >= 400 && response.status < 500 && response.status !== 429) return;
        if (response.ok && response.body) await readEvents(response.body, onEvent);
      } catch {
        // dropped or aborted: try again below unless aborted
      }
      await pause(3000, signal);
    }
  }

  private authorization(): Record<string, string> {
    const token = this.context.token();
    return token ? { Authorization: `Bearer ${token}` } : {};
  }

  private failureOf(answer: Answer<Problem>): ApiFailure {
    if (answer.status === 0) return new ApiFailure(0, this.context.failureText('network', 0), null);
    if (answer.status === 401 && this.context.token()) this.context.unauthorized();
    const problem = answer.body && typeof answer.body === 'object' ? answer.body : null;
    const message =
      problem?.detail || problem?.title || this.context.failureText('unexpected', answer.status);
    return new ApiFailure(answer.status, message, problem);
  }
}

async function readEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: string, data: unknown) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length === 0) continue;
      try {
        onEvent(event, JSON.parse(data.join('\n')));
      } catch {
        // not JSON: ignored
      }
    }
  }
}

/** Waits `ms`, or less if `signal` aborts; a stream that reconnects for hours leaves no listener behind. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

function fileNameOf(disposition: string | null): string {
  if (!disposition) return 'download';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : 'download';
}
