import { currentPortalToken, setPortalToken } from './portal-session';
import { request, type Answer } from './request';
import { API } from './script-context';

const TOKEN_KEY = 'engage:reader-token:' + API;

let memoryToken: string | null = null;

export function storedToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY) || memoryToken;
  } catch {
    return memoryToken;
  }
}

export function storeToken(token: string | null): void {
  memoryToken = token;
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage blocked: the token lives as long as the page
  }
}

let tokenRequest: Promise<Answer<{ token?: unknown }>> | null = null;

export type TokenResult = { token: string; failure?: undefined } | { token?: undefined; failure: Answer };

/** The reader's token, asking for one the first time; `{ failure }` with the answer when refused. */
export async function readerToken(): Promise<TokenResult> {
  const existing = storedToken();
  if (existing) return { token: existing };
  if (!tokenRequest) {
    tokenRequest = request<{ token?: unknown }>('/api/v1/reader-tokens', { method: 'POST' }).finally(() => {
      tokenRequest = null;
    });
  }
  const answer = await tokenRequest;
  if (answer.status === 201 && answer.body && typeof answer.body.token === 'string') {
    storeToken(answer.body.token);
    return { token: answer.body.token };
  }
  return { failure: answer };
}

/** A GET as this reader when a token is stored (so personal fields are filled), anonymous otherwise. */
export async function readerGet<T>(path: string, language?: string): Promise<Answer<T>> {
  const portal = await asPortalReader<T>(path, 'GET', undefined, language);
  if (portal) return portal;
  const token = storedToken();
  const answer = await request<T>(path, { token, language });
  if (answer.status !== 401 || !token) return answer;
  // The token no longer verifies (the key changed): forget it and read anonymously.
  storeToken(null);
  return request<T>(path, { language });
}

/** A call that needs the reader's token; a stale token is replaced once by a fresh one. */
export async function asReader<T>(
  path: string,
  method: string,
  body?: unknown,
  language?: string,
): Promise<Answer<T>> {
  const portal = await asPortalReader<T>(path, method, body, language);
  if (portal) return portal;
  let got = await readerToken();
  if (got.failure) return got.failure as Answer<T>;
  const answer = await request<T>(path, { method, body, token: got.token, language });
  if (answer.status !== 401) return answer;
  storeToken(null);
  got = await readerToken();
  if (got.failure) return got.failure as Answer<T>;
  return request<T>(path, { method, body, token: got.token, language });
}

/**
 * The call as the signed-in portal reader, or null when nobody is signed in or the gateway refused the
 * token (then the reader goes on as a guest: the caller makes the call again with a reader token).
 */
async function asPortalReader<T>(
  path: string,
  method: string,
  body: unknown,
  language: string | undefined,
): Promise<Answer<T> | null> {
  const portalToken = currentPortalToken();
  if (!portalToken) return null;
  const answer = await request<T>(path, { method, body, portalToken, language });
  if (answer.status !== 401) return answer;
  setPortalToken(null);
  return null;
}
