/** A small HTTP client for suite tests: JSON in and out, status and headers kept. */
export interface HttpAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface HttpOptions {
  method?: string;
  body?: unknown;
  /** Sent as is, with no JSON encoding (for malformed input). */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  token?: string;
  readerToken?: string;
}

export class HttpClient {
  constructor(readonly baseUrl: string) {}

  async call<T = any>(path: string, options: HttpOptions = {}): Promise<HttpAnswer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | Buffer | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.readerToken) headers['x-reader-token'] = options.readerToken;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: options.method ?? (body !== undefined ? 'POST' : 'GET'),
      headers,
      body,
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text.length > 0 ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = any>(path: string, options: Omit<HttpOptions, 'method'> = {}): Promise<HttpAnswer<T>> {
    return this.call<T>(path, { ...options, method: 'GET' });
  }

  post<T = any>(path: string, body?: unknown, options: Omit<HttpOptions, 'method' | 'body'> = {}) {
    return this.call<T>(path, { ...options, method: 'POST', body });
  }

  async readerToken(): Promise<string> {
    const answer = await this.post<{ token: string }>('/api/v1/reader-tokens');
    if (answer.status !== 201) throw new Error(`reader token: ${answer.status} ${answer.text}`);
    return answer.body.token;
  }

  async login(email: string, password: string): Promise<string> {
    const answer = await this.post<{ accessToken: string }>('/api/v1/auth/login', { email, password });
    if (answer.status !== 200) throw new Error(`login: ${answer.status} ${answer.text}`);
    return answer.body.accessToken;
  }
}
