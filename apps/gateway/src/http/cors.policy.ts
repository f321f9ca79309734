/**
 * The gateway's CORS policy, in one place: the @fastify/cors plugin is registered with it, and the fast
 * lane (which answers before Fastify) adds the same headers the plugin would.
 */
export const CORS_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
export const CORS_ALLOWED_HEADERS = [
  'Content-Type',
  'Authorization',
  'X-Reader-Token',
  'X-Request-Id',
  'Idempotency-Key',
];
export const CORS_EXPOSED_HEADERS = ['X-Request-Id', 'Retry-After'];
export const CORS_MAX_AGE_SECONDS = 600;

/** The plugin's options for the configured origins (none: CORS off, no header at all). */
export function corsPluginOptions(origins: readonly string[]) {
  return {
    origin: origins.length > 0 ? [...origins] : false,
    methods: CORS_METHODS,
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    maxAge: CORS_MAX_AGE_SECONDS,
  };
}

/** The CORS headers of one answer; the same frozen object for every answer with the same outcome. */
export type CorsHeaders = Readonly<Record<string, string>>;

/**
 * The headers @fastify/cors puts on an answer that is not a preflight, for a list of origins: the
 * origin echoed when it is listed, with `Vary: Origin` always (the answer depends on it); or, when the
 * list holds `*`, just `*`; and the exposed headers. Every outcome is built once: a listed origin's,
 * and one for any other origin or none, so a caller may key its own work on the object.
 */
export function corsHeadersFor(
  origins: readonly string[],
): (requestOrigin: string | undefined) => CorsHeaders {
  if (origins.length === 0) {
    const none: CorsHeaders = Object.freeze({});
    return () => none;
  }
  const exposed = CORS_EXPOSED_HEADERS.join(', ');
  if (origins.includes('*')) {
    const any = Object.freeze({
      'access-control-allow-origin': '*',
      'access-control-expose-headers': exposed,
    });
    return () => any;
  }
  const unlisted = Object.freeze({ vary: 'Origin', 'access-control-expose-headers': exposed });
  const listed = new Map(
    origins.map((origin) => [
      origin,
      Object.freeze({
        vary: 'Origin',
        'access-control-allow-origin': origin,
        'access-control-expose-headers': exposed,
      }),
    ]),
  );
  return (requestOrigin) =>
    requestOrigin === undefined ? unlisted : (listed.get(requestOrigin) ?? unlisted);
}
