import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { FastLane } from './fast-lane';

type FastifyHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** The options of Fastify's own HTTP/1 server that a server factory has to apply itself. */
interface ServerOptions {
  http?: object;
  keepAliveTimeout: number;
  requestTimeout: number;
  connectionTimeout: number;
  maxRequestsPerSocket?: number;
}

const lanes = new WeakMap<object, FastLane>();

/**
 * Fastify's server, with the fast lane in front: each request is offered to the lane first and goes
 * to Fastify when the lane does not take it. The server is set up as Fastify sets up its own.
 */
export function serverWithFastLane(lane: FastLane) {
  return (fastifyHandler: FastifyHandler, fastifyOptions: Record<string, unknown>): Server => {
    // Fastify hands its whole options object, defaults applied.
    const options = fastifyOptions as unknown as ServerOptions;
    const server = createServer(options.http ?? {}, (request, response) => {
      if (!lane.take(request, response, () => fastifyHandler(request, response))) {
        fastifyHandler(request, response);
      }
    });
    server.keepAliveTimeout = options.keepAliveTimeout;
    server.requestTimeout = options.requestTimeout;
    server.setTimeout(options.connectionTimeout);
    if (options.maxRequestsPerSocket && options.maxRequestsPerSocket > 0) {
      server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    }
    return server;
  };
}

/** Ties a lane to the Fastify instance in front of which it runs, for the routes that join it. */
export function attachFastLane(fastify: FastifyInstance, lane: FastLane): void {
  lanes.set(fastify, lane);
  // From the close on, Fastify answers everything (503 while it closes, as return503OnClosing says).
  fastify.addHook('preClose', (done) => {
    lane.close();
    done();
  });
}

export function fastLaneOf(fastify: FastifyInstance): FastLane {
  const lane = lanes.get(fastify);
  if (!lane) throw new Error('This Fastify instance has no fast lane');
  return lane;
}
