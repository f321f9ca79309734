import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LoggerService } from '@nestjs/common';
import { matchOpsRoute, OpsAnswer, opsProblem, OpsRoute } from './ops-route';

const CONTEXT = 'Ops';

function isDomainError(error: unknown): error is { status: number; code: string; message: string } {
  const candidate = error as { status?: unknown; code?: unknown } | null;
  return typeof candidate?.status === 'number' && typeof candidate.code === 'string';
}

/**
 * The operators' HTTP port (METRICS_PORT): Prometheus metrics and routes meant for the people who run
 * the suite, kept off the public port. Plain node:http: it has a handful of GET routes and must keep
 * answering when the app's own server is busy or closing.
 */
export class OpsServer {
  private constructor(private readonly server: Server) {}

  static async open(
    port: number,
    host: string,
    routes: readonly OpsRoute[],
    logger: LoggerService,
  ): Promise<OpsServer> {
    const server = createServer((request, response) => void serve(request, response, routes, logger));
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new OpsServer(server);
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  routes: readonly OpsRoute[],
  logger: LoggerService,
): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  let answer: OpsAnswer;
  const found = matchOpsRoute(routes, path);
  if (!found) {
    answer = opsProblem(404, `Nothing is served at ${path.slice(0, 200)}.`, 'not_found');
  } else if (request.method !== 'GET' && request.method !== 'HEAD') {
    answer = opsProblem(405, 'Only GET is served here.', 'method_not_allowed');
  } else {
    try {
      answer = await found.route.answer(found.params);
    } catch (error) {
      if (isDomainError(error)) {
        answer = opsProblem(error.status, error.message, error.code);
      } else {
        logger.error(error instanceof Error ? error : String(error), CONTEXT);
        answer = opsProblem(503, 'The answer could not be made.', 'unavailable');
      }
    }
  }
  response.writeHead(answer.status, {
    'Content-Type': answer.contentType,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(request.method === 'HEAD' ? undefined : answer.body);
}
