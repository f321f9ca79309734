import { STATUS_CODES } from 'node:http';

export interface OpsAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** A GET route of the operators' port; `:name` segments of `path` arrive as parameters. */
export interface OpsRoute {
  path: string;
  answer(params: Record<string, string>): Promise<OpsAnswer>;
}

export function opsJson(status: number, body: unknown): OpsAnswer {
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) };
}

/** RFC 9457, as the public port answers its errors. */
export function opsProblem(status: number, detail: string, code: string): OpsAnswer {
  const title = STATUS_CODES[status] ?? 'Error';
  return {
    status,
    contentType: 'application/problem+json; charset=utf-8',
    body: JSON.stringify({ type: 'about:blank', title, status, detail, code }),
  };
}

/** The route whose path matches, with its parameters; a parameter is one non-empty segment. */
export function matchOpsRoute(
  routes: readonly OpsRoute[],
  path: string,
): { route: OpsRoute; params: Record<string, string> } | undefined {
  const segments = path.split('/');
  for (const route of routes) {
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, index) => {
      const segment = segments[index];
      if (!part.startsWith(':')) return part === segment;
      if (segment === '') return false;
      try {
        params[part.slice(1)] = decodeURIComponent(segment);
        return true;
      } catch {
        return false;
      }
    });
    if (matches) return { route, params };
  }
  return undefined;
}
