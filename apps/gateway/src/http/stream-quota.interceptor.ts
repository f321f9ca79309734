import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { callerOf } from '../identity/access.decorators';
import { StreamQuota } from './stream-quota';

/**
 * Takes a place in the caller's stream quota before a streaming route runs and gives it back when the
 * response closes, however it ends (the client left, the stream was closed, or the route answered an
 * error instead of a stream).
 */
@Injectable()
export class StreamQuotaInterceptor implements NestInterceptor {
  constructor(private readonly quota: StreamQuota) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const release = this.quota.take(callerOf(request).addressHash ?? request.ip);
    http.getResponse<FastifyReply>().raw.once('close', release);
    return next.handle();
  }
}

/** A long-lived stream route: at most LIVE_STREAMS_PER_ADDRESS open per client address (then 429). */
export const LimitStreamsPerAddress = () =>
  applyDecorators(
    UseInterceptors(StreamQuotaInterceptor),
    ApiTooManyRequestsResponse({ description: 'This address has too many live streams open' }),
  );
