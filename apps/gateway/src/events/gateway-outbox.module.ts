import {
  DynamicModule,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { EVENTS_SUBJECT_WILDCARD } from '@app/contracts';
import {
  ensureEventStream,
  EventsAddress,
  NatsLink,
  OutboxCommitListener,
  OutboxPurge,
  OutboxRelay,
} from '@app/messaging';

/** Published staff events are small and rare; they are kept as long as a service keeps its own. */
const GATEWAY_OUTBOX_RETENTION_HOURS = 72;

const STREAM = Symbol('GATEWAY_EVENTS_STREAM');

/** `EVENTS_STREAM` and `EVENTS_STREAM_REPLICAS`, as the services read them. */
export interface GatewayEventStream {
  name: string;
  replicas: number;
}

@Injectable()
class GatewayOutboxLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(STREAM) private readonly stream: GatewayEventStream,
    private readonly orm: MikroORM,
    private readonly nats: NatsLink,
    private readonly address: EventsAddress,
    private readonly relay: OutboxRelay,
    private readonly purge: OutboxPurge,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await ensureEventStream(await this.nats.nc.jetstreamManager(), this.address.stream, {
      subjects: [this.address.subject(EVENTS_SUBJECT_WILDCARD)],
      replicas: this.stream.replicas,
    });
    this.orm.em
      .getEventManager()
      .registerSubscriber(new OutboxCommitListener((rows) => this.relay.handOff(rows)));
    this.relay.start();
    this.purge.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.purge.stop();
    await this.relay.stop();
  }
}

/**
 * The gateway records events too (staff accounts live in its schema): the same outbox and relay as a
 * service's, without consumers or dead letters, since the gateway consumes no events.
 */
@Module({})
export class GatewayOutboxModule {
  static register(stream: GatewayEventStream): DynamicModule {
    return {
      module: GatewayOutboxModule,
      providers: [
        { provide: STREAM, useValue: stream },
        {
          provide: EventsAddress,
          inject: [NatsLink, STREAM],
          useFactory: (nats: NatsLink, { name }: GatewayEventStream) =>
            new EventsAddress(nats.namespace, name),
        },
        {
          provide: OutboxRelay,
          inject: [MikroORM, NatsLink, EventsAddress],
          useFactory: (orm: MikroORM, nats: NatsLink, address: EventsAddress) =>
            new OutboxRelay(orm, nats.nc.jetstream(), {}, address.namespace),
        },
        {
          provide: OutboxPurge,
          inject: [MikroORM],
          useFactory: (orm: MikroORM) =>
            new OutboxPurge(orm, { retentionHours: GATEWAY_OUTBOX_RETENTION_HOURS }),
        },
        GatewayOutboxLifecycle,
      ],
    };
  }
}
