/**
 * The one way the browser code (widgets and console) calls the gateway's API: JSON in, JSON out, and
 * never a thrown error, so every caller handles every answer the same way.
 */
export interface Answer<T = unknown> {
  /** 0 when the server could not be reached. */
  status: number;
  body: T | null;
  retryAfter: string | null;
}

/** An RFC 9457 problem document, as the gateway writes every refusal. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Array<{ field?: string; message?: string }>;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** Extra headers: the caller's credentials (a reader token, a portal JWT, a staff token). */
  headers?: Record<string, string>;
  /** Asked of the gateway for the texts of its problem documents. */
  language?: string;
}

/** One call to `base + path`; a network failure is status 0, an answer that is not JSON has no body. */
export async function request<T = unknown>(
  base: string,
  path: string,
  options: RequestOptions = {},
): Promise<Answer<T>> {
  const { method = 'GET', body, language } = options;
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (language) headers['Accept-Language'] = language;
  let response: Response;
  try {
    response = await fetch(base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
    });
  } catch {
    return { status: 0, body: null, retryAfter: null };
  }
  let data: T | null = null;
  try {
    data = (await response.json()) as T;
  } catch {
    // not JSON (a proxy's error page, or 204): the status says enough
  }
  return { status: response.status, body: data, retryAfter: response.headers.get('Retry-After') };
}
