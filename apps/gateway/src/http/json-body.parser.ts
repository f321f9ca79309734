import type { FastifyInstance } from 'fastify';
import { ValidationFailedError } from '@app/contracts';

/** No request body of this API nests deeper than a few levels; a deeper one is refused before use. */
export const MAX_JSON_DEPTH = 32;

function depthOf(root: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Fastify's JSON parser (which refuses `__proto__` and `constructor.prototype` keys), plus two rules of
 * this API: a body is a JSON object, and it nests at most MAX_JSON_DEPTH levels. Deeply nested input
 * would otherwise reach code that walks it recursively.
 */
export function installJsonBodyParser(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    void parse(request, body as string, (error: Error | null, value?: unknown) => {
      if (error) return done(error, undefined);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return done(
          new ValidationFailedError([{ field: 'body', message: 'the body must be a JSON object' }]),
          undefined,
        );
      }
      if (depthOf(value) > MAX_JSON_DEPTH) {
        return done(
          new ValidationFailedError([
            { field: 'body', message: `nests deeper than ${MAX_JSON_DEPTH} levels` },
          ]),
          undefined,
        );
      }
      done(null, value);
    });
  });
}
