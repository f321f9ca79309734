import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LoggerService } from '@nestjs/common';
import { DomainError } from '@app/contracts';
import { sendProblem } from './problem.reply';

export class UnsupportedContentEncodingError extends DomainError {
  constructor() {
    super(
      'unsupported_content_encoding',
      415,
      'Request bodies are accepted only without a Content-Encoding (identity).',
    );
  }
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Whether a Content-Encoding header asks for anything but the body as it is. */
export function isEncoded(header: string | string[] | undefined): boolean {
  const values = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
  return values.some((value) => {
    const coding = value.trim().toLowerCase();
    return coding !== '' && coding !== 'identity';
  });
}

/**
 * Refuses a request body sent with a Content-Encoding other than identity (415, RFC 9110 section
 * 15.5.16) before it is parsed. The JSON parser would otherwise read compressed bytes as text, and
 * decompressing for clients would let a small body expand past BODY_LIMIT_BYTES.
 */
export function refuseEncodedBodies(fastify: FastifyInstance, logger: LoggerService): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (hasBody(request) && isEncoded(request.headers['content-encoding'])) {
      sendProblem(new UnsupportedContentEncodingError(), request, reply, logger);
      return;
    }
    done();
  });
}
