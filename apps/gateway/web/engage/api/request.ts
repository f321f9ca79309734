import { API } from './script-context';

export interface Answer<T = unknown> {
  /** 0 when the server could not be reached. */
  status: number;
  body: T | null;
  retryAfter: string | null;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  token?: string | null;
  /** A portal reader's JWT: sent instead of the reader token. */
  portalToken?: string | null;
  /** Asked of the gateway for the texts of its problem documents. */
  language?: string;
}

/** One call to the API; never throws: a network failure is status 0. */
export async function request<T = unknown>(path: string, options: RequestOptions = {}): Promise<Answer<T>> {
  const { method = 'GET', body, token, portalToken, language } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (portalToken) headers['Authorization'] = 'Bearer ' + portalToken;
  else if (token) headers['X-Reader-Token'] = token;
  if (language) headers['Accept-Language'] = language;
  let response: Response;
  try {
    response = await fetch(API + path, {
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
    // not JSON (a proxy's error page): the status says enough
  }
  return { status: response.status, body: data, retryAfter: response.headers.get('Retry-After') };
}
