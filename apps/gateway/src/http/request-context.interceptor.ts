import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { requestContext } from '@app/runtime';

/** Runs each route inside its request id, so log lines and NATS headers carry it. */
@Injectable()
export class HttpRequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return new Observable((subscriber) =>
      requestContext.run({ requestId: request.id }, () => next.handle().subscribe(subscriber)),
    );
  }
}
