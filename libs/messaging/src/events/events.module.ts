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
import { NatsLink } from '../nats.link';
import { OutboxRelay, OutboxRelayOptions } from '../outbox/outbox.relay';
import { OutboxCommitListener } from '../outbox/outbox-commit.listener';
import { ensureEventStream, EventStreamOptions } from './event-stream';
import { EventConsumers } from './event-consumers';

export interface EventsModuleOptions {
  /** The JetStream stream of the suite's events (`EVENTS_STREAM` of the configuration). */
  stream: string;
  streamOptions?: EventStreamOptions;
  relay?: OutboxRelayOptions;
}

const EVENTS_OPTIONS = Symbol('EVENTS_OPTIONS');

@Injectable()
class EventsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(EVENTS_OPTIONS) private readonly options: EventsModuleOptions,
    private readonly orm: MikroORM,
    private readonly nats: NatsLink,
    private readonly relay: OutboxRelay,
    private readonly consumers: EventConsumers,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await ensureEventStream(
      await this.nats.nc.jetstreamManager(),
      this.options.stream,
      this.options.streamOptions,
    );
    this.orm.em.getEventManager().registerSubscriber(new OutboxCommitListener(() => this.relay.kick()));
    this.relay.start();
    await this.consumers.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumers.stop();
  }

  // After every beforeApplicationShutdown (requests in flight have answered and may have recorded
  // events) and before the global modules close NATS and the database: this module is not global, so
  // Nest runs its shutdown hooks ahead of theirs.
  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

/**
 * Publishes the service's outbox and runs its event consumers. Import it once, in the service's root
 * module, next to `DatabaseModule.forService(...)` (with `MESSAGING_ENTITIES` and
 * `MESSAGING_MIGRATIONS`) and `ServiceMessagingModule.forService(...)`. `OutboxRelay` and
 * `EventConsumers` are then injectable anywhere in the service.
 */
@Module({})
export class EventsModule {
  static forService(options: EventsModuleOptions): DynamicModule {
    const shared: DynamicModule = {
      module: EventsProvidersModule,
      global: true,
      providers: [
        {
          provide: OutboxRelay,
          inject: [MikroORM, NatsLink],
          useFactory: (orm: MikroORM, nats: NatsLink) =>
            new OutboxRelay(orm, nats.nc.jetstream(), options.relay),
        },
        {
          provide: EventConsumers,
          inject: [MikroORM, NatsLink],
          useFactory: (orm: MikroORM, nats: NatsLink) =>
            new EventConsumers({ orm, nc: nats.nc, stream: options.stream }),
        },
      ],
      exports: [OutboxRelay, EventConsumers],
    };
    return {
      module: EventsModule,
      imports: [shared],
      providers: [{ provide: EVENTS_OPTIONS, useValue: options }, EventsLifecycle],
    };
  }
}

/** Holds what features inject; it has no lifecycle hooks, so being global does not reorder shutdown. */
@Module({})
class EventsProvidersModule {}
