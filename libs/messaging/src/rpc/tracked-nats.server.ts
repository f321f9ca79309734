import { randomUUID } from 'node:crypto';
import { NatsOptions, ServerNats } from '@nestjs/microservices';
import type { Msg, NatsConnection, Subscription } from 'nats';
import { REQUEST_ID_HEADER, rpcCatalogue } from '@app/contracts';
import { JsonLogger, MetricsRegistry, requestContext } from '@app/runtime';
import { InFlightTracker } from './in-flight.tracker';
import { NatsNamespace } from '../nats-namespace';

type Publisher = (response: unknown) => unknown;

/**
 * Nest's NATS server, doing at the transport what every message needs:
 * - it runs the handling of each message inside the request id the gateway sent in the headers, so
 *   every log line of that request carries it;
 * - it counts each request from the moment it arrives until its reply is sent, and logs one line for it
 *   (subject, outcome, duration). Shutdown waits on this count, so a request received just before the
 *   subscriptions were drained is still answered.
 * - it subscribes to each handler's subject inside the deployment's namespace (`NATS_PREFIX`), and keeps
 *   the subscriptions so that shutdown can drain them.
 * Doing this here rather than in a Nest interceptor also spares every message the interceptor chain.
 */
export class TrackedNatsServer extends ServerNats {
  private readonly finishers = new WeakMap<Msg, (outcome: string) => void>();
  private readonly handlerSubscriptions: Subscription[] = [];

  constructor(
    private readonly natsOptions: NonNullable<NatsOptions['options']>,
    private readonly inFlight: InFlightTracker,
    private readonly log?: JsonLogger,
    private readonly namespace: NatsNamespace = NatsNamespace.none,
    private readonly metrics?: MetricsRegistry,
  ) {
    super(natsOptions);
  }

  /**
   * Nest's own binding, but on namespaced subjects. The handler is still looked up by the contract's
   * subject (the channel), so handlers never see the prefix.
   */
  override bindEvents(client: NatsConnection): void {
    const declared = new Set(rpcCatalogue().map((operation) => operation.subject));
    const undeclared = [...this.messageHandlers.keys()].filter((channel) => !declared.has(channel));
    if (undeclared.length > 0) {
      // Such a handler would take requests no contract describes and no validation checks.
      throw new Error(`message handlers without a contract declaration: ${undeclared.join(', ')}`);
    }
    const defaultQueue = this.natsOptions.queue;
    for (const [channel, handler] of this.messageHandlers) {
      const queue = (handler.extras?.queue as string | undefined) ?? defaultQueue;
      const handle = this.getMessageHandler(channel) as (error: Error | null, msg: Msg) => void;
      this.handlerSubscriptions.push(
        client.subscribe(this.namespace.subject(channel), { queue, callback: handle.bind(this) }),
      );
    }
  }

  /**
   * Stops routing this copy new requests (the queue group sends them to the other copies) while the
   * ones already received are still dispatched.
   */
  async drainSubscriptions(): Promise<void> {
    await Promise.all(
      this.handlerSubscriptions.map((subscription) => subscription.drain().catch(() => undefined)),
    );
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
      const elapsedMs = performance.now() - startedAt;
      this.metrics?.natsHandlingDuration.observe({ subject: channel, outcome }, elapsedMs / 1000);
      if (!this.log?.isEnabled('debug')) return;
      const ms = Math.round(elapsedMs * 10) / 10;
      requestContext.run({ requestId }, () => {
        this.log?.debug({ msg: 'message handled', subject: natsMsg.subject, outcome, ms }, 'Rpc');
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
