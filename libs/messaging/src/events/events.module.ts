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
import { EVENTS_SUBJECT_WILDCARD, ServiceName } from '@app/contracts';
import type { ServiceEnv } from '@app/runtime';
import { NatsLink } from '../nats.link';
import { NatsNamespace } from '../nats-namespace';
import { OutboxRelay, OutboxRelayOptions } from '../outbox/outbox.relay';
import { OutboxCommitListener } from '../outbox/outbox-commit.listener';
import { OutboxPurge, OutboxPurgeOptions } from '../outbox/outbox.purge';
import { ensureEventStream, EventStreamOptions } from './event-stream';
import { EventConsumers } from './event-consumers';
import { EventsAddress } from './events-address';
import { DeadLetterDesk } from './dead-letter.desk';
import { deadLettersControllerFor } from './dead-letters.controller';

export interface EventsModuleOptions {
  /** The JetStream stream of the suite's events (`EVENTS_STREAM`); the namespace prefixes it. */
  stream: string;
  /** `subjects` are named as in the contracts (`events.>`); the namespace prefixes them. */
  streamOptions?: EventStreamOptions;
  relay?: OutboxRelayOptions;
  /** `OUTBOX_RETENTION_HOURS` and how the purge paces itself. */
  purge: OutboxPurgeOptions;
  /** Events each consumer handles at once unless it says otherwise (`EVENT_CONSUMER_CONCURRENCY`). */
  consumerConcurrency: number;
  /** The deployment's NATS namespace; the process's (NatsLink) by default. */
  namespace?: NatsNamespace;
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
    const { streamOptions = {} } = this.options;
    const subjects = streamOptions.subjects ?? [EVENTS_SUBJECT_WILDCARD];
    await ensureEventStream(await this.nats.nc.jetstreamManager(), this.address.stream, {
      ...streamOptions,
      subjects: subjects.map((subject) => this.address.subject(subject)),
    });
    this.orm.em
      .getEventManager()
      .registerSubscriber(new OutboxCommitListener((rows) => this.relay.handOff(rows)));
    this.relay.start();
    this.purge.start();
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
        {
          provide: EventsAddress,
          inject: [NatsLink],
          useFactory: (nats: NatsLink) =>
            new EventsAddress(options.namespace ?? nats.namespace, options.stream),
        },
        {
          provide: OutboxRelay,
          inject: [MikroORM, NatsLink, EventsAddress],
          useFactory: (orm: MikroORM, nats: NatsLink, address: EventsAddress) =>
            new OutboxRelay(orm, nats.nc.jetstream(), options.relay, address.namespace),
        },
        {
          provide: OutboxPurge,
          inject: [MikroORM],
          useFactory: (orm: MikroORM) => new OutboxPurge(orm, options.purge),
        },
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
