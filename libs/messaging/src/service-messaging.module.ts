import { DynamicModule, Module } from '@nestjs/common';
import type { ServiceName } from '@app/contracts';
import type { CommonEnv } from '@app/runtime';
import { healthControllerFor, SERVICE_NAME } from './health-ping.controller';
import { InFlightTracker } from './rpc/in-flight.tracker';
import { ServiceDrain } from './service-drain';
import { NatsLink } from './nats.link';
import { NatsNamespace } from './nats-namespace';

/** What every back-end service needs around its handlers: health answers, drain on shutdown, NATS. */
@Module({})
export class ServiceMessagingModule {
  static forService(service: ServiceName, config: CommonEnv): DynamicModule {
    return {
      module: ServiceMessagingModule,
      global: true,
      controllers: [healthControllerFor(service)],
      providers: [
        InFlightTracker,
        ServiceDrain,
        { provide: SERVICE_NAME, useValue: service },
        {
          provide: NatsLink,
          useFactory: () => NatsLink.open(config.NATS_URL, service, new NatsNamespace(config.NATS_PREFIX)),
        },
      ],
      exports: [InFlightTracker, ServiceDrain, NatsLink, SERVICE_NAME],
    };
  }
}
