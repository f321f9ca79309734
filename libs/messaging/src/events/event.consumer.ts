import { Logger } from '@nestjs/common';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ConsumerConfig, ConsumerMessages, JsMsg, NatsConnection } from 'nats';
import type { EventEnvelope } from '@app/contracts';
import { requestContext } from '@app/runtime';
import { ensureDurableConsumer, millisToNanos } from './durable-consumer';
import { enterInbox, recordDeadLetter } from './inbox.repository';
import { afterFailure } from './redelivery.policy';
import { subjectMatches, supportsMultipleFilters, toEventSubjects } from './subject-filter';
import { isUuid } from '@app/contracts';

export interface EventConsumerOptions {
  /** The durable consumer's name; also the inbox's and the dead letters' `consumer`. */
  durable: string;
  /** Event types (`comment.published`) or subjects (`events.comment.published`); wildcards allowed. */
  filterSubjects: string[];
  /** Deliveries before an event is dead-lettered. */
  maxDeliver?: number;
  /** Pause before the n-th redelivery after a failure; the last step repeats. */
  backoffMs?: number[];
  /** How long the server waits for an outcome; a running handler keeps extending it. */
  ackWaitMs?: number;
  /**
   * Reacts to one event inside a transaction that also records it in the inbox: use `em` for every
   * write, so the reaction and the "handled" mark commit together. Throwing rolls both back.
   */
  handle(event: EventEnvelope, em: EntityManager): Promise<void>;
}

export interface EventConsumerDeps {
  orm: MikroORM;
  nc: NatsConnection;
  stream: string;
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** Thrown inside the handling transaction when the delivery limit passed without a recorded outcome. */
class DeliveryLimitPassed extends Error {}

/**
 * A durable JetStream pull consumer that hands each event to `handle` once (an inbox of handled event
 * ids, in the handler's own transaction), acknowledges only after the commit, redelivers failures
 * with a back-off and parks an event in `dead_letter` after its last allowed delivery.
 */
export class EventConsumer {
  private readonly logger: Logger;
  private readonly maxDeliver: number;
  private readonly backoffMs: number[];
  private readonly ackWaitMs: number;
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private stopping = false;
  /** Set when the server cannot filter on several subjects and this consumer filters itself. */
  private localFilter?: string[];

  constructor(
    private readonly deps: EventConsumerDeps,
    private readonly options: EventConsumerOptions,
  ) {
    this.logger = new Logger(`EventConsumer ${options.durable}`);
    this.maxDeliver = options.maxDeliver ?? 5;
    this.backoffMs = options.backoffMs ?? [1000, 5000, 30000];
    this.ackWaitMs = options.ackWaitMs ?? 30000;
  }

  get durable(): string {
    return this.options.durable;
  }

  async start(): Promise<void> {
    if (this.loop) return;
    this.stopping = false;
    const { nc, stream } = this.deps;
    await ensureDurableConsumer(await nc.jetstreamManager(), stream, {
      durable_name: this.options.durable,
      ack_wait: millisToNanos(this.ackWaitMs),
      // One delivery beyond the limit, so an attempt that ended without an outcome (a crash) is still
      // parked in dead_letter rather than left unacknowledged for ever.
      max_deliver: this.maxDeliver + 1,
      ...this.filterConfig(),
    });
    const consumer = await nc.jetstream().consumers.get(stream, this.options.durable);
    // One message at a time: nothing waits in this process's buffer while another copy is idle.
    this.messages = await consumer.consume({ max_messages: 1 });
    this.loop = this.run(this.messages);
  }

  /** Stops pulling and waits for the event in hand; an event fetched but not started is redelivered. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.messages?.stop();
    await this.loop;
    this.loop = undefined;
    this.messages = undefined;
  }

  private filterConfig(): Partial<ConsumerConfig> {
    const subjects = toEventSubjects(this.options.filterSubjects);
    if (subjects.length === 1) return { filter_subject: subjects[0] };
    if (supportsMultipleFilters(this.deps.nc.info?.version)) return { filter_subjects: subjects };
    this.logger.warn(
      'this NATS server filters on one subject only; the consumer reads the stream and filters',
    );
    this.localFilter = subjects;
    return {};
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    try {
      for await (const msg of messages) {
        if (this.stopping) break;
        await this.process(msg);
      }
    } catch (error) {
      if (!this.stopping) this.logger.error(`stopped consuming: ${errorText(error)}`);
    }
  }

  private async process(msg: JsMsg): Promise<void> {
    if (this.localFilter && !this.localFilter.some((filter) => subjectMatches(filter, msg.subject))) {
      this.reply(() => msg.ack());
      return;
    }
    const deliveries = msg.info.deliveryCount;
    const event = parseEnvelope(msg);
    if (!event) {
      await this.deadLetter(msg, NIL_UUID, msg.string(), 'not an event envelope', deliveries);
      return;
    }
    const heartbeat = setInterval(() => this.reply(() => msg.working()), Math.max(this.ackWaitMs / 3, 100));
    try {
      await requestContext.run({ requestId: event.requestId ?? event.id }, () =>
        this.handleOnce(event, deliveries),
      );
    } catch (error) {
      clearInterval(heartbeat);
      await this.onFailure(msg, event, error, deliveries);
      return;
    } finally {
      clearInterval(heartbeat);
    }
    // A lost ack only causes a redelivery, which the inbox turns into a no-op.
    this.reply(() => msg.ack());
  }

  /** Answers the server; on a closed connection the answer is lost and the server redelivers. */
  private reply(answer: () => void): void {
    try {
      answer();
    } catch (error) {
      this.logger.warn(`could not answer the server: ${errorText(error)}`);
    }
  }

  private handleOnce(event: EventEnvelope, deliveries: number): Promise<void> {
    return this.deps.orm.em.fork().transactional(async (em) => {
      if (!(await enterInbox(em, this.options.durable, event.id))) return;
      if (deliveries > this.maxDeliver) {
        throw new DeliveryLimitPassed(`no outcome recorded after ${this.maxDeliver} deliveries`);
      }
      await this.options.handle(event, em);
    });
  }

  private async onFailure(
    msg: JsMsg,
    event: EventEnvelope,
    error: unknown,
    deliveries: number,
  ): Promise<void> {
    const outcome = afterFailure(deliveries, this.maxDeliver, this.backoffMs);
    const context = `event ${event.id} (${event.type}), delivery ${deliveries} of ${this.maxDeliver}`;
    if (outcome.action === 'retry') {
      this.logger.warn(`${context} failed, retrying in ${outcome.delayMs} ms: ${errorText(error)}`);
      this.reply(() => msg.nak(outcome.delayMs));
      return;
    }
    this.logger.error(`${context} failed, dead-lettered: ${errorText(error)}`);
    await this.deadLetter(msg, event.id, event, errorText(error), deliveries);
  }

  private async deadLetter(
    msg: JsMsg,
    eventId: string,
    payload: unknown,
    error: string,
    deliveries: number,
  ): Promise<void> {
    try {
      await recordDeadLetter(this.deps.orm.em.fork(), {
        consumer: this.options.durable,
        eventId,
        subject: msg.subject,
        payload,
        error,
        deliveries,
      });
    } catch (recordError) {
      // Left unacknowledged: the spare delivery tries to park it again.
      this.logger.error(`could not dead-letter event ${eventId}: ${errorText(recordError)}`);
      this.reply(() => msg.nak(this.backoffMs.at(-1) ?? 0));
      return;
    }
    this.reply(() => msg.term());
  }
}

function parseEnvelope(msg: JsMsg): EventEnvelope | undefined {
  try {
    const event = msg.json<EventEnvelope>();
    const valid = typeof event?.id === 'string' && isUuid(event.id) && typeof event.type === 'string';
    return valid ? event : undefined;
  } catch {
    return undefined;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
