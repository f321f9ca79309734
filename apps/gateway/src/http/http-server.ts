import type { IncomingMessage } from 'node:http';
import { Logger } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import cors from '@fastify/cors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from './problem.reply';
import { JsonLogger, MetricsRegistry, requestContext } from '@app/runtime';
import type { GatewayEnv } from '../gateway.config';
import { requestIdFrom } from './request-id';
import { securityHeadersFor } from './security-headers';
import { ProblemFilter } from './problem.filter';
import { gatewayValidationPipe } from './validation.pipe';
import { installJsonBodyParser } from './json-body.parser';
import { installFormBodyParser } from './form-body.parser';
import { UNSUBSCRIBE_PATH } from '../notifications/unsubscribe.page';
import { answerClientError } from './client-error.handler';
import { refuseEncodedBodies } from './content-encoding.check';
import { installMultipartPassThrough } from '../submissions/multipart-pass-through.parser';

/** Largest URL path parameter accepted; longer ids are answered 404 by the router, not parsed. */
const MAX_PARAM_LENGTH = 256;

export function createHttpAdapter(env: GatewayEnv): FastifyAdapter {
  return new FastifyAdapter({
    logger: false,
    bodyLimit: env.BODY_LIMIT_BYTES,
    trustProxy: env.TRUST_PROXY.length > 0 ? env.TRUST_PROXY : false,
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => requestIdFrom(request.headers['x-request-id']),
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // The router's own errors (a malformed URL, an over-long parameter) skip the error handler.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) =>
      sendProblem(error, request, reply, new Logger('Http')),
    return503OnClosing: true,
    // What Node's parser refuses before a request exists (headers over 16 KiB, a bad request line).
    clientErrorHandler: answerClientError,
  });
}

/**
 * Everything around the routes: request ids, access log and metrics, problem documents for every
 * error (including the ones Fastify raises before a route runs), security headers, CORS and the
 * validation pipe.
 */
export async function configureHttp(
  app: NestFastifyApplication,
  env: GatewayEnv,
  logger: JsonLogger,
  metrics: MetricsRegistry,
): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // JSON bodies; multipart forms left unread for the routes that stream them; URL-encoded forms only
  // where RFC 8058's one-click unsubscribe needs them.
  fastify.removeContentTypeParser('text/plain');
  installJsonBodyParser(fastify);
  installMultipartPassThrough(fastify);
  installFormBodyParser(fastify, [UNSUBSCRIBE_PATH]);

  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(securityHeadersFor(request.url)).header('X-Request-Id', request.id);
    done();
  });
  // The route and everything it awaits run inside the request id (for log lines and NATS headers).
  // A preHandler, because body parsing runs in the socket's context and would lose an earlier store.
  fastify.addHook('preHandler', (request, _reply, done) =>
    requestContext.run({ requestId: request.id }, done),
  );
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      seconds,
    );
    if (logger.isEnabled('debug') && route !== '/metrics' && !route.startsWith('/health')) {
      logger.debug(
        {
          msg: 'request',
          requestId: request.id,
          method: request.method,
          route,
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 10) / 10,
        },
        'Http',
      );
    }
    done();
  });

  await app.register(cors, {
    origin: env.CORS_ORIGINS.length > 0 ? env.CORS_ORIGINS : false,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Authorization', 'X-Reader-Token', 'X-Request-Id', 'Idempotency-Key'],
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
  // After CORS, so a refused body's answer still carries the CORS headers a browser needs to read it.
  refuseEncodedBodies(fastify, logger);

  app.useGlobalFilters(new ProblemFilter(logger));
  app.useGlobalPipes(gatewayValidationPipe());
}
