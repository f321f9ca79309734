import { DynamicModule, Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { FastLane } from './fast-lane/fast-lane';
import { fastLaneOf } from './fast-lane/fast-lane.server';
import type { GatewayEnv } from '../gateway.config';
import { StreamQuota } from './stream-quota';
import { StreamQuotaInterceptor } from './stream-quota.interceptor';

/**
 * What every route module may use at the HTTP edge: the per-address quota of open streams, and the
 * fast lane in front of Fastify for the hottest routes.
 */
@Module({})
export class HttpEdgeModule {
  static register(env: GatewayEnv): DynamicModule {
    return {
      module: HttpEdgeModule,
      global: true,
      providers: [
        { provide: StreamQuota, useValue: new StreamQuota(env.LIVE_STREAMS_PER_ADDRESS) },
        StreamQuotaInterceptor,
        {
          provide: FastLane,
          inject: [HttpAdapterHost],
          useFactory: (host: HttpAdapterHost) => fastLaneOf(host.httpAdapter.getInstance<FastifyInstance>()),
        },
      ],
      exports: [StreamQuota, StreamQuotaInterceptor, FastLane],
    };
  }
}
