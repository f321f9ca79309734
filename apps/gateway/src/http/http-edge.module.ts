import { DynamicModule, Module } from '@nestjs/common';
import type { GatewayEnv } from '../gateway.config';
import { StreamQuota } from './stream-quota';
import { StreamQuotaInterceptor } from './stream-quota.interceptor';

/** What every route module may use at the HTTP edge: the per-address quota of open streams. */
@Module({})
export class HttpEdgeModule {
  static register(env: GatewayEnv): DynamicModule {
    return {
      module: HttpEdgeModule,
      global: true,
      providers: [
        { provide: StreamQuota, useValue: new StreamQuota(env.LIVE_STREAMS_PER_ADDRESS) },
        StreamQuotaInterceptor,
      ],
      exports: [StreamQuota, StreamQuotaInterceptor],
    };
  }
}
