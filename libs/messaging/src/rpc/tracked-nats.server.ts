import { randomUUID } from 'node:crypto';
import { NatsOptions, ServerNats } from '@nestjs/microservices';
import type { Msg } from 'nats';
import { REQUEST_ID_HEADER } from '@app/contracts';
import { JsonLogger, requestContext } from '@app/runtime';
import { InFlightTracker } from './in-flight.tracker';

type Publisher = (response: unknown) => unknown;

/**
 * Nest's NATS server, doing at the transport what every message needs:
 * - it runs the handling of each message inside the request id the gateway sent in the headers, so
 *   every log line of that request carries it;
 * - it counts each request from the moment it arrives until its reply is sent, and logs one line for it
 *   (subject, outcome, duration). Shutdown waits on this count, so a request received just before the
 *   subscriptions were drained is still answered.
 * Doing this here rather than in a Nest interceptor also spares every message the interceptor chain.
 */
export class TrackedNatsServer extends ServerNats {
  private readonly finishers = new WeakMap<Msg, (outcome: string) => void>();

  constructor(
    options: NonNullable<NatsOptions['options']>,
    private readonly inFlight: InFlightTracker,
    private readonly log?: JsonLogger,
  ) {
    super(options);
  }

  override async handleMessage(channel: string, natsMsg: Msg): Promise<unknown> {
    const requestId = natsMsg.headers?.get(REQUEST_ID_HEADER) || randomUUID();
    const startedAt = performance.now();
    const done = this.inFlight.start();
    let finished = false;
    const finish = (outcome: string): void => {
      if (finished) return;
      finished = true;
      done();
      if (!this.log?.isEnabled('info')) return;
      const ms = Math.round((performance.now() - startedAt) * 10) / 10;
      requestContext.run({ requestId }, () => {
        this.log?.log({ msg: 'message handled', subject: natsMsg.subject, outcome, ms }, 'Rpc');
      });
    };
    this.finishers.set(natsMsg, finish);
    try {
      return (await requestContext.run({ requestId }, () =>
        super.handleMessage(channel, natsMsg),
      )) as unknown;
    } catch (error) {
      finish('error');
      throw error;
    } finally {
      // An event (no reply) is done once handled; a request is done when its reply is published.
      if (!natsMsg.reply) finish('ok');
    }
  }

  override getPublisher(natsMsg: Msg, id: string, ctx: Parameters<ServerNats['getPublisher']>[2]): Publisher {
    const publish = super.getPublisher(natsMsg, id, ctx) as Publisher;
    return (response: unknown) => {
      try {
        return publish(response);
      } finally {
        const packet = response as { isDisposed?: boolean; err?: { code?: unknown } } | null;
        if (packet?.err !== undefined)
          this.finishers.get(natsMsg)?.(typeof packet.err?.code === 'string' ? packet.err.code : 'error');
        else if (packet?.isDisposed) this.finishers.get(natsMsg)?.('ok');
      }
    };
  }
}
