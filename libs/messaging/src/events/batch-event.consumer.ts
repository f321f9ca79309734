import type { EntityManager } from '@mikro-orm/postgresql';
import type { ConsumerMessages, JsMsg } from 'nats';
import type { EventClass } from '@app/contracts';
import { errorSummary } from '@app/persistence';
import {
  EventConsumer,
  EventConsumerDeps,
  EventConsumerOptions,
  EventMeta,
  eventMetaOf,
  ReadMessage,
} from './event.consumer';
import { enterInboxMany } from './inbox.repository';
import { MessageQueue } from './message-queue';

/** One event of a batch, validated against its class, with its meta. */
export interface BatchedEvent<T extends object = object> {
  event: T;
  meta: EventMeta;
}

export interface BatchEventConsumerOptions<
  TClasses extends readonly EventClass[] = readonly EventClass[],
> extends Omit<EventConsumerOptions<TClasses>, 'handle' | 'concurrency'> {
  /** The most events handled in one transaction (and pulled ahead from the server). */
  batchSize: number;
  /**
   * Reacts to several events, each validated against its class and not handled before, inside one
   * transaction that also records them all in the inbox: use `em` for every write. Throwing rolls the
   * whole batch back; its events are then handled one by one (a batch of one each), so an event that
   * keeps failing is retried and dead-lettered alone.
   */
  handleBatch(events: BatchedEvent<InstanceType<TClasses[number]>>[], em: EntityManager): Promise<void>;
}

/**
 * An event consumer that handles what has arrived together: while one batch is in its transaction the
 * next messages gather, and the next transaction takes up to `batchSize` of them. At a low rate a
 * batch is one event and waits for nothing; at a high one, one inbox statement, one handler call and
 * one commit serve many events. Each message is acknowledged only after its batch committed.
 * Redelivery, back-off and dead letters work as for `EventConsumer`, one message at a time.
 */
export class BatchEventConsumer extends EventConsumer {
  private readonly batchSize: number;
  private readonly handleBatch: BatchEventConsumerOptions['handleBatch'];

  constructor(deps: EventConsumerDeps, options: BatchEventConsumerOptions) {
    if (!Number.isInteger(options.batchSize) || options.batchSize < 1) {
      throw new RangeError(`event consumer "${options.durable}" needs a batchSize of at least 1`);
    }
    super(deps, {
      ...options,
      concurrency: 1,
      // A message handled alone (after its batch failed, or re-driven) is a batch of one.
      handle: (event, em, meta) => options.handleBatch([{ event, meta }], em),
    });
    this.batchSize = options.batchSize;
    this.handleBatch = options.handleBatch;
  }

  protected override pullSize(): number {
    return this.batchSize;
  }

  protected override async run(messages: ConsumerMessages): Promise<void> {
    const queue = new MessageQueue<JsMsg>(this.batchSize);
    const handling = this.handleQueue(queue);
    try {
      for await (const msg of messages) {
        if (this.stopping) break;
        // Waits while a full batch is waiting: the server's buffer holds the rest.
        await queue.push(msg);
      }
    } catch (error) {
      if (!this.stopping) this.logger.error(`stopped consuming: ${errorSummary(error)}`);
    } finally {
      queue.close();
      await handling;
    }
  }

  /** Batch after batch until the queue closes; what waits then goes back to the server at once. */
  private async handleQueue(queue: MessageQueue<JsMsg>): Promise<void> {
    for (;;) {
      const batch = await queue.take(this.batchSize);
      if (batch.length === 0) return;
      if (this.stopping) {
        for (const msg of batch) this.reply(() => msg.nak());
        continue;
      }
      await this.processBatch(batch).catch((error: unknown) => {
        // Left unanswered: the server redelivers them after ack_wait.
        this.logger.error(`could not process a batch: ${errorSummary(error)}`);
      });
    }
  }

  private async processBatch(batch: JsMsg[]): Promise<void> {
    const together: { msg: JsMsg; read: ReadMessage }[] = [];
    const alone: { msg: JsMsg; read: ReadMessage }[] = [];
    const ids = new Set<string>();
    for (const msg of batch) {
      const read = await this.readMessage(msg);
      if (!read) continue;
      // A copy of an event already in this batch, or one past its delivery limit: the single path
      // settles it (the inbox finds the copy handled; the other is dead-lettered with the reason).
      if (ids.has(read.envelope.id) || msg.info.deliveryCount > this.maxDeliver) {
        alone.push({ msg, read });
        continue;
      }
      ids.add(read.envelope.id);
      together.push({ msg, read });
    }
    if (together.length === 1) alone.unshift(together.pop()!);
    if (together.length > 0) await this.handleTogether(together);
    for (const { msg, read } of alone) await this.process(msg, read);
  }

  /** One transaction for them all, acknowledged after its commit; on failure each on its own. */
  private async handleTogether(items: { msg: JsMsg; read: ReadMessage }[]): Promise<void> {
    const heartbeat = setInterval(
      () => items.forEach(({ msg }) => this.reply(() => msg.working())),
      Math.max(this.ackWaitMs / 3, 100),
    );
    try {
      await this.deps.orm.em.fork().transactional(async (em) => {
        const fresh = await enterInboxMany(
          em,
          this.options.durable,
          items.map(({ read }) => read.envelope.id),
        );
        const events = items
          .filter(({ read }) => fresh.has(read.envelope.id))
          .map(({ read }) => ({ event: read.event, meta: eventMetaOf(read.envelope) }));
        if (events.length === 0) return;
        // No request context: a batch has no single request; each event's id is in its meta.
        await this.handleBatch(events, em);
      });
    } catch (error) {
      clearInterval(heartbeat);
      this.logger.warn(
        `a batch of ${items.length} events failed, handling each alone: ${errorSummary(error)}`,
      );
      for (const { msg, read } of items) await this.process(msg, read);
      return;
    } finally {
      clearInterval(heartbeat);
    }
    // A lost ack only causes a redelivery, which the inbox turns into a no-op.
    for (const { msg } of items) {
      this.reply(() => msg.ack());
      this.deps.onOutcome?.(this.options.durable, 'handled');
    }
  }
}
