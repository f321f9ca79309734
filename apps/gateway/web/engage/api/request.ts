import { request as requestApi, type Answer } from '@web/shared/api/request';
import { API } from './script-context';

export type { Answer };

export interface ReaderRequestOptions {
  method?: string;
  body?: unknown;
  token?: string | null;
  /** A portal reader's JWT: sent instead of the reader token. */
  portalToken?: string | null;
  language?: string;
}

/** A call from a widget: to the script's API, as the reader (portal JWT, else reader token). */
export function request<T = unknown>(path: string, options: ReaderRequestOptions = {}): Promise<Answer<T>> {
  const { token, portalToken, ...rest } = options;
  const headers: Record<string, string> = {};
  if (portalToken) headers['Authorization'] = 'Bearer ' + portalToken;
  else if (token) headers['X-Reader-Token'] = token;
  return requestApi<T>(API, path, { ...rest, headers });
}
