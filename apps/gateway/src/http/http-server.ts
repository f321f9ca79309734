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
import { corsHeadersFor, corsPluginOptions } from './cors.policy';
import { FastLane, type LaneObserver } from './fast-lane/fast-lane';
import { attachFastLane, fastLaneOf, serverWithFastLane } from './fast-lane/fast-lane.server';
import { clientAddressOf } from './client-address';

/** Largest URL path parameter accepted; longer ids are answered 404 by the router, not parsed. */
const MAX_PARAM_LENGTH = 256;

export function createHttpAdapter(env: GatewayEnv): FastifyAdapter {
  const lane = new FastLane({
    corsHeaders: corsHeadersFor(env.CORS_ORIGINS),
    clientAddress: clientAddressOf(env.TRUST_PROXY),
    logger: new Logger('Http'),
  });
  const adapter = new FastifyAdapter({
    serverFactory: serverWithFastLane(lane),
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
  attachFastLane(adapter.getInstance(), lane);
  return adapter;
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
  const record = answeredRecorder(logger, metrics);
  fastify.addHook('onResponse', (request, reply, done) => {
    record({
      requestId: request.id,
      method: request.method,
      route: request.routeOptions?.url ?? 'unmatched',
      status: reply.statusCode,
      seconds: reply.elapsedTime / 1000,
    });
    done();
  });
  fastLaneOf(fastify).observe(record);

  await app.register(cors, corsPluginOptions(env.CORS_ORIGINS));
  // After CORS, so a refused body's answer still carries the CORS headers a browser needs to read it.
  refuseEncodedBodies(fastify, logger);

  app.useGlobalFilters(new ProblemFilter(logger));
  app.useGlobalPipes(gatewayValidationPipe());
}

/** Request metrics and, at debug level, the access log: for Fastify's answers and the fast lane's. */
function answeredRecorder(logger: JsonLogger, metrics: MetricsRegistry): LaneObserver {
  return ({ requestId, method, route, status, seconds }) => {
    metrics.httpDuration.observe({ method, route, status: String(status) }, seconds);
    if (logger.isEnabled('debug') && route !== '/metrics' && !route.startsWith('/health')) {
      logger.debug(
        { msg: 'request', requestId, method, route, status, ms: Math.round(seconds * 10000) / 10 },
        'Http',
      );
    }
  };
}
