/**
 * An API route the console calls, written as the OpenAPI document writes it (`/api/v1/polls/{id}`).
 * Every route lives in one table (`routes.ts`), which a suite test checks against the gateway's
 * OpenAPI document, so the console cannot call what the API does not offer.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRoute {
  readonly method: HttpMethod;
  readonly path: string;
}

export function route(method: HttpMethod, path: string): ApiRoute {
  return { method, path };
}

export type QueryValue = string | number | boolean | null | undefined | readonly string[];

/** The route's path with its `{name}` parameters filled in and the query appended (empty values left out). */
export function urlOf(
  apiRoute: ApiRoute,
  params: Record<string, string> = {},
  query: Record<string, QueryValue> = {},
): string {
  const path = apiRoute.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${apiRoute.path}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(name, value.join(','));
    } else {
      search.set(name, String(value));
    }
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
