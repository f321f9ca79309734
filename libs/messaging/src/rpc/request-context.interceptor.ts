import { randomUUID } from 'node:crypto';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { NatsContext } from '@nestjs/microservices';
import type { MsgHdrs } from 'nats';
import { Observable } from 'rxjs';
import { REQUEST_ID_HEADER } from '@app/contracts';
import { requestContext } from '@app/runtime';
import { InFlightTracker } from './in-flight.tracker';

/**
 * Runs each message handler inside the request id the gateway sent in the NATS headers, and counts it
 * as in flight until it has answered.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  constructor(private readonly inFlight: InFlightTracker) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const nats = context.switchToRpc().getContext<NatsContext>();
    const headers = nats.getHeaders?.() as MsgHdrs | undefined;
    const requestId = headers?.get(REQUEST_ID_HEADER) || randomUUID();
    return new Observable((subscriber) => {
      const finished = this.inFlight.start();
      const subscription = requestContext.run({ requestId }, () =>
        next.handle().subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => {
            finished();
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
