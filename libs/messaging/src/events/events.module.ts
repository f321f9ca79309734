import {
  BeforeApplicationShutdown,
  DynamicModule,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { ServiceName } from '@app/contracts';
import type { ServiceEnv } from '@app/runtime';
import { NatsLink } from '../nats.link';
import { OutboxRelay } from '../outbox/outbox.relay';
import { OutboxPurge } from '../outbox/outbox.purge';
import {
  OutboxPublishingOptions,
  outboxPublishingProviders,
  startOutboxPublishing,
} from '../outbox/outbox-publishing';
import { EventStreamOptions } from './event-stream';
import { EventConsumers } from './event-consumers';
import { EventsAddress } from './events-address';
import { DeadLetterDesk } from './dead-letter.desk';
import { deadLettersControllerFor } from './dead-letters.controller';

export interface EventsModuleOptions extends OutboxPublishingOptions {
  /** `subjects` are named as in the contracts (`events.>`); the namespace prefixes them. */
  streamOptions?: EventStreamOptions;
  /** Events each consumer handles at once unless it says otherwise (`EVENT_CONSUMER_CONCURRENCY`). */
  consumerConcurrency: number;
}

/** What the module reads from a service's configuration. */
export type EventsConfig = Pick<
  ServiceEnv,
  | 'EVENTS_STREAM'
  | 'EVENTS_STREAM_REPLICAS'
  | 'OUTBOX_RETENTION_HOURS'
  | 'OUTBOX_PURGE_INTERVAL_SECONDS'
  | 'EVENT_CONSUMER_CONCURRENCY'
>;

const EVENTS_OPTIONS = Symbol('EVENTS_OPTIONS');

@Injectable()
class EventsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(EVENTS_OPTIONS) private readonly options: EventsModuleOptions,
    private readonly orm: MikroORM,
    private readonly nats: NatsLink,
    private readonly address: EventsAddress,
    private readonly relay: OutboxRelay,
    private readonly purge: OutboxPurge,
    private readonly consumers: EventConsumers,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { orm, nats, address, relay, purge } = this;
    await startOutboxPublishing({ orm, nats, address, relay, purge }, this.options.streamOptions);
    await this.consumers.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumers.stop();
    await this.purge.stop();
  }

  // After every beforeApplicationShutdown (requests in flight have answered and may have recorded
  // events) and before the global modules close NATS and the database: this module is not global, so
  // Nest runs its shutdown hooks ahead of theirs.
  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

/**
 * Publishes the service's outbox (and deletes what was published long ago), runs its event consumers,
 * and answers an operator's `<service>.deadletters.*` requests. Import it once, in the service's root
 * module, next to `DatabaseModule.forService(...)` (with `MESSAGING_ENTITIES` and
 * `MESSAGING_MIGRATIONS`) and `ServiceMessagingModule.forService(...)`. `OutboxRelay` and
 * `EventConsumers` are then injectable anywhere in the service.
 */
@Module({})
export class EventsModule {
  /** `overrides` lets a test keep its events apart (a stream of its own) or pace the relay. */
  static forService(
    service: ServiceName,
    config: EventsConfig,
    overrides: Partial<EventsModuleOptions> = {},
  ): DynamicModule {
    const options: EventsModuleOptions = {
      stream: config.EVENTS_STREAM,
      purge: {
        retentionHours: config.OUTBOX_RETENTION_HOURS,
        intervalMs: config.OUTBOX_PURGE_INTERVAL_SECONDS * 1000,
      },
      consumerConcurrency: config.EVENT_CONSUMER_CONCURRENCY,
      ...overrides,
      streamOptions: { replicas: config.EVENTS_STREAM_REPLICAS, ...overrides.streamOptions },
    };
    const shared: DynamicModule = {
      module: EventsProvidersModule,
      global: true,
      providers: [
        ...outboxPublishingProviders(options),
        {
          provide: EventConsumers,
          inject: [MikroORM, NatsLink, EventsAddress],
          useFactory: (orm: MikroORM, nats: NatsLink, address: EventsAddress) =>
            new EventConsumers({ orm, nc: nats.nc, address, concurrency: options.consumerConcurrency }),
        },
      ],
      exports: [EventsAddress, OutboxRelay, OutboxPurge, EventConsumers],
    };
    return {
      module: EventsModule,
      imports: [shared],
      controllers: [deadLettersControllerFor(service)],
      providers: [{ provide: EVENTS_OPTIONS, useValue: options }, EventsLifecycle, DeadLetterDesk],
    };
  }
}

/** Holds what features inject; it has no lifecycle hooks, so being global does not reorder shutdown. */
@Module({})
class EventsProvidersModule {}
