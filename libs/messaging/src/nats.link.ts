import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { connect, NatsConnection } from 'nats';
import { natsServers } from './nats-servers';
import { NatsNamespace } from './nats-namespace';

/**
 * This process's own NATS connection for what is not request-reply: publishing signals, the outbox
 * relay and JetStream consumers. It reconnects forever and is drained at shutdown, after the
 * handlers have answered.
 */
@Injectable()
export class NatsLink implements OnApplicationShutdown {
  private readonly logger = new Logger('Nats');
  private connection?: NatsConnection;

  constructor(
    private readonly servers: string,
    private readonly name: string,
    /** Subjects this process publishes and subscribes to go through it (`NATS_PREFIX`). */
    readonly namespace: NatsNamespace = NatsNamespace.none,
  ) {}

  static async open(servers: string, name: string, namespace?: NatsNamespace): Promise<NatsLink> {
    const link = new NatsLink(servers, name, namespace);
    await link.connect();
    return link;
  }

  async connect(): Promise<NatsConnection> {
    this.connection ??= await connect({
      ...natsServers(this.servers),
      name: `${this.name}-${process.pid}`,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      // Capturing a stack trace for every request was a visible share of a request's cost; a timeout
      // is reported as a 503 with the subject, which is what an operator needs.
      noAsyncTraces: true,
    });
    return this.connection;
  }

  get nc(): NatsConnection {
    if (!this.connection) throw new Error('NATS is not connected yet');
    return this.connection;
  }

  isConnected(): boolean {
    return this.connection !== undefined && !this.connection.isClosed() && !this.connection.isDraining();
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.connection || this.connection.isClosed()) return;
    await this.connection
      .drain()
      .catch((error: unknown) => this.logger.warn(`drain failed: ${String(error)}`));
  }
}
