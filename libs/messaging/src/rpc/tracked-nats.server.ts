import { NatsOptions, ServerNats } from '@nestjs/microservices';
import type { Msg } from 'nats';
import { InFlightTracker } from './in-flight.tracker';

type Publisher = (response: unknown) => unknown;

/**
 * Nest's NATS server, counting each request from the moment it arrives until its reply is sent. Shutdown
 * waits on this count, so a request received just before the subscriptions were drained is still
 * answered (counting only inside the handler would miss the ones still being deserialised).
 */
export class TrackedNatsServer extends ServerNats {
  private readonly finishers = new WeakMap<Msg, () => void>();

  constructor(
    options: NonNullable<NatsOptions['options']>,
    private readonly inFlight: InFlightTracker,
  ) {
    super(options);
  }

  override async handleMessage(channel: string, natsMsg: Msg): Promise<unknown> {
    const finish = this.inFlight.start();
    this.finishers.set(natsMsg, finish);
    try {
      return await super.handleMessage(channel, natsMsg);
    } catch (error) {
      finish();
      throw error;
    } finally {
      // An event (no reply) is done once handled; a request is done when its reply is published.
      if (!natsMsg.reply) finish();
    }
  }

  override getPublisher(natsMsg: Msg, id: string, ctx: Parameters<ServerNats['getPublisher']>[2]): Publisher {
    const publish = super.getPublisher(natsMsg, id, ctx) as Publisher;
    return (response: unknown) => {
      try {
        return publish(response);
      } finally {
        const packet = response as { isDisposed?: boolean; err?: unknown } | null;
        if (packet?.isDisposed || packet?.err !== undefined) this.finishers.get(natsMsg)?.();
      }
    };
  }
}
