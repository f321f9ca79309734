import { DynamicModule, Module } from '@nestjs/common';
import { NatsLink, NatsNamespace, NatsRpcClient } from '@app/messaging';
import { MetricsRegistry } from '@app/runtime';
import type { GatewayEnv } from '../gateway.config';

/** The gateway's NATS connection and the request-reply client every feature module calls services with. */
@Module({})
export class ServiceClientsModule {
  static register(env: GatewayEnv, metrics: MetricsRegistry): DynamicModule {
    return {
      module: ServiceClientsModule,
      global: true,
      providers: [
        { provide: MetricsRegistry, useValue: metrics },
        {
          provide: NatsLink,
          useFactory: () => NatsLink.open(env.NATS_URL, 'gateway', new NatsNamespace(env.NATS_PREFIX)),
        },
        {
          provide: NatsRpcClient,
          inject: [NatsLink],
          useFactory: (link: NatsLink) =>
            new NatsRpcClient(link.nc, env.NATS_REQUEST_TIMEOUT_MS, metrics, link.namespace),
        },
      ],
      exports: [MetricsRegistry, NatsLink, NatsRpcClient],
    };
  }
}
