import { NatsOptions, Transport } from '@nestjs/microservices';
import { natsServers } from '../nats-servers';
import { NatsNamespace } from '../nats-namespace';

/**
 * A service listens on its subjects in a queue group named after itself: copies of one service share
 * the requests, and each request is answered by exactly one of them.
 */
export function natsServerOptions(
  service: string,
  natsUrl: string,
  namespace: NatsNamespace = NatsNamespace.none,
): NatsOptions & { options: NonNullable<NatsOptions['options']> } {
  return {
    transport: Transport.NATS,
    options: {
      ...natsServers(natsUrl),
      queue: namespace.queue(service),
      name: `${service}-${process.pid}`,
      // Keep trying: a NATS restart must not end the process.
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    },
  };
}
