import { randomUUID } from 'node:crypto';
import { CallHandler, ExecutionContext, Injectable, LoggerService, NestInterceptor } from '@nestjs/common';
import { NatsContext } from '@nestjs/microservices';
import type { MsgHdrs } from 'nats';
import { Observable } from 'rxjs';
import { REQUEST_ID_HEADER } from '@app/contracts';
import { requestContext } from '@app/runtime';

/**
 * Runs each message handler inside the request id the gateway sent in the NATS headers, and logs one
 * line for it (subject, outcome, duration).
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  constructor(private readonly logger?: LoggerService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const nats = context.switchToRpc().getContext<NatsContext>();
    const headers = nats.getHeaders?.() as MsgHdrs | undefined;
    const requestId = headers?.get(REQUEST_ID_HEADER) || randomUUID();
    const subject: string = nats.getSubject?.() ?? 'unknown';
    const startedAt = performance.now();
    return new Observable((subscriber) => {
      let logged = false;
      const finished = (outcome = 'ok'): void => {
        if (logged) return;
        logged = true;
        const ms = Math.round((performance.now() - startedAt) * 10) / 10;
        requestContext.run({ requestId }, () => {
          this.logger?.log({ msg: 'message handled', subject, outcome, ms }, 'Rpc');
        });
      };
      const subscription = requestContext.run({ requestId }, () =>
        next.handle().subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => {
            finished(
              typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'error',
            );
            subscriber.error(error);
          },
          complete: () => {
            finished();
            subscriber.complete();
          },
        }),
      );
      return () => {
        finished();
        subscription.unsubscribe();
      };
    });
  }
}
