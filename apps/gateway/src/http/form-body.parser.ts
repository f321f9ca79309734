import { errorCodes, FastifyInstance } from 'fastify';

/** A one-click unsubscribe body (`List-Unsubscribe=One-Click`, or a page's `token=...`) is tiny. */
export const FORM_BODY_LIMIT_BYTES = 4096;

/**
 * `application/x-www-form-urlencoded` bodies, for the few paths that must take them: RFC 8058 has
 * mail clients post one-click unsubscribes that way. Every other path still refuses them with 415.
 */
export function installFormBodyParser(fastify: FastifyInstance, paths: readonly string[]): void {
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT_BYTES },
    (request, body, done) => {
      const path = request.url.split('?')[0];
      if (!paths.includes(path)) {
        done(
          new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(String(request.headers['content-type'])),
          undefined,
        );
        return;
      }
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );
}
