import type { FastifyInstance } from 'fastify';
import { DomainError } from '@app/contracts';

/** Routes whose handler reads a `multipart/form-data` body itself, as a stream. */
export const STREAMED_FORM_ROUTES: ReadonlySet<string> = new Set(['/api/v1/submissions']);

class MultipartNotAcceptedError extends DomainError {
  constructor() {
    super('unsupported_media_type', 415, 'This route accepts JSON bodies only.');
  }
}

/**
 * Accepts `multipart/form-data` without reading a byte of it, for the routes that stream their form
 * (files go on to the reporter service chunk by chunk and never sit whole in memory or on disk). Any
 * other route refuses it with 415 before the body is read.
 */
export function installMultipartPassThrough(fastify: FastifyInstance): void {
  fastify.addContentTypeParser('multipart/form-data', (request, _payload, done) => {
    if (!STREAMED_FORM_ROUTES.has(request.routeOptions.url ?? '')) {
      done(new MultipartNotAcceptedError(), undefined);
      return;
    }
    done(null, undefined);
  });
}
