import type { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Lets a cache answer GET requests in a Fastify onRequest hook, before Nest's guards and pipes. Hooks
 * run in the order they were added, so this one runs after the security-header, CORS and request-id
 * hooks: a hit (`answer` sent a reply and returned true) skips every later phase, a miss goes on as it
 * came.
 */
export function answerGetsEarly(
  adapterHost: HttpAdapterHost,
  answer: (request: FastifyRequest, reply: FastifyReply) => boolean,
): void {
  const fastify = adapterHost.httpAdapter.getInstance<FastifyInstance>();
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.method === 'GET' && answer(request, reply)) return;
    done();
  });
}
