import {
  DynamicModule,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import {
  EventsAddress,
  NatsLink,
  OutboxPurge,
  OutboxRelay,
  outboxPublishingProviders,
  startOutboxPublishing,
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
    const { orm, nats, address, relay, purge } = this;
    await startOutboxPublishing({ orm, nats, address, relay, purge }, { replicas: this.stream.replicas });
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
        ...outboxPublishingProviders({
          stream: stream.name,
          purge: { retentionHours: GATEWAY_OUTBOX_RETENTION_HOURS },
        }),
        GatewayOutboxLifecycle,
      ],
    };
  }
}
