import { Logger } from '@nestjs/common';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ConsumerConfig, ConsumerMessages, JsMsg, NatsConnection } from 'nats';
import { EventClass, EventEnvelope, eventTypeOf } from '@app/contracts';
import { requestContext } from '@app/runtime';
import { errorSummary } from '@app/persistence';
import { ensureDurableConsumer, millisToNanos } from './durable-consumer';
import { EventsAddress } from './events-address';
import { enterInbox } from './inbox.repository';
import { recordDeadLetter } from './dead-letter.repository';
import { parseEnvelope, readEvent } from './event-reading';
import { afterFailure } from './redelivery.policy';
import { standInEventId } from './stand-in-event-id';
import { subjectMatches, supportsMultipleFilters } from './subject-filter';

/** What a handler gets beside the event: the envelope's id, time and the request that caused it. */
export interface EventMeta {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  requestId?: string;
}

export interface EventConsumerOptions<TClasses extends readonly EventClass[] = readonly EventClass[]> {
  /** The durable consumer's name; also the inbox's and the dead letters' `consumer`. */
  durable: string;
  /** The event classes it takes (`[PollClosedV1]`); it subscribes to their types, every version it lists. */
  events: TClasses;
  /** Deliveries before an event is dead-lettered. */
  maxDeliver?: number;
  /** Pause before the n-th redelivery after a failure; the last step repeats. */
  backoffMs?: number[];
  /** How long the server waits for an outcome; a running handler keeps extending it. */
  ackWaitMs?: number;
  /** Events handled at once by this copy; the module's setting (`EVENT_CONSUMER_CONCURRENCY`) otherwise. */
  concurrency?: number;
  /**
   * Reacts to one event, already validated against its class, inside a transaction that also records
   * it in the inbox: use `em` for every write, so the reaction and the "handled" mark commit together.
   * Throwing rolls both back.
   */
  handle(event: InstanceType<TClasses[number]>, em: EntityManager, meta: EventMeta): Promise<void>;
}

/** What became of a delivery: handled (or found handled already), to be redelivered, or parked. */
export type DeliveryOutcome = 'handled' | 'retried' | 'dead_lettered';
export type OutcomeObserver = (consumer: string, outcome: DeliveryOutcome) => void;

export interface EventConsumerDeps {
  /** Told of each delivery this copy is done with. */
  onOutcome?: OutcomeObserver;
  orm: MikroORM;
  nc: NatsConnection;
  address: EventsAddress;
  /** Events in flight per consumer unless the consumer says otherwise. */
  concurrency?: number;
}

export type RedriveResult = 'handled' | 'already_handled';

/**
 * How long one pull request waits on the server. The client expects a heartbeat every half of it and
 * pulls again after two are missed, and pauses by this much between failed attempts: when the server
 * leading the consumer dies, consumption resumes within a few of these, not nats.js's default 30 s
 * each (a minute or more). An idle copy sends one small request per period.
 */
const PULL_EXPIRES_MS = 5000;

/** What nats.js tells of a pull that went unanswered; anything else it reports is routine. */
const PULL_TROUBLE = new Set([
  'heartbeats_missed',
  'no_responders',
  'consumer_not_found',
  'stream_not_found',
]);

/** A message's event, validated against its class, with the envelope it came in. */
export interface ReadMessage {
  event: object;
  envelope: EventEnvelope;
}

/** Thrown inside the handling transaction when the delivery limit passed without a recorded outcome. */
class DeliveryLimitPassed extends Error {}

/** A stored message that cannot be handled as it is: no envelope, an unknown version, invalid data. */
export class EventRefusedError extends Error {}

/**
 * A durable JetStream pull consumer that hands each event, validated against its class, to `handle`
 * once (an inbox of handled event ids, in the handler's own transaction), acknowledges only after the
 * commit, redelivers failures with a back-off and parks an event in `dead_letter` after its last
 * allowed delivery. An event that fails its contract, or whose version it does not know, is parked at
 * once with the reason: redelivering it would not change it.
 */
export class EventConsumer {
  protected readonly logger: Logger;
  protected readonly maxDeliver: number;
  private readonly backoffMs: number[];
  protected readonly ackWaitMs: number;
  private readonly concurrency: number;
  private readonly subjects: string[];
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  protected stopping = false;
  /** Set when the server cannot filter on several subjects and this consumer filters itself. */
  private localFilter?: string[];

  constructor(
    protected readonly deps: EventConsumerDeps,
    protected readonly options: EventConsumerOptions,
  ) {
    this.logger = new Logger(`EventConsumer ${options.durable}`);
    this.maxDeliver = options.maxDeliver ?? 5;
    this.backoffMs = options.backoffMs ?? [1000, 5000, 30000];
    this.ackWaitMs = options.ackWaitMs ?? 30000;
    this.concurrency = options.concurrency ?? deps.concurrency ?? 1;
    if (options.events.length === 0) throw new Error(`event consumer "${options.durable}" takes no events`);
    const types = new Set(options.events.map((eventClass) => eventTypeOf(eventClass).type));
    this.subjects = [...types].map((type) => deps.address.subjectOfType(type));
  }

  get durable(): string {
    return this.options.durable;
  }

  async start(): Promise<void> {
    if (this.loop) return;
    this.stopping = false;
    const { nc, address } = this.deps;
    const durable = address.durable(this.options.durable);
    await ensureDurableConsumer(await nc.jetstreamManager(), address.stream, {
      durable_name: durable,
      ack_wait: millisToNanos(this.ackWaitMs),
      // One delivery beyond the limit, so an attempt that ended without an outcome (a crash) is still
      // parked in dead_letter rather than left unacknowledged for ever.
      max_deliver: this.maxDeliver + 1,
      ...this.filterConfig(),
    });
    const consumer = await nc.jetstream().consumers.get(address.stream, durable);
    this.messages = await consumer.consume({ max_messages: this.pullSize(), expires: PULL_EXPIRES_MS });
    this.loop = this.run(this.messages);
    void this.reportPullTrouble(this.messages);
  }

  /** A NATS server lost or a leader being elected shows here first: the client pulls again by itself. */
  private async reportPullTrouble(messages: ConsumerMessages): Promise<void> {
    for await (const status of await messages.status()) {
      if (PULL_TROUBLE.has(status.type))
        this.logger.warn(`pulling again: ${status.type} (${String(status.data)})`);
    }
  }

  /** Stops pulling and waits for the events in hand; an event fetched but not started is redelivered. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.messages?.stop();
    await this.loop;
    this.loop = undefined;
    this.messages = undefined;
  }

  /**
   * Handles a dead letter's stored event again inside `em`'s transaction: validated again, through the
   * inbox (an event handled since is not handled twice). Throws EventRefusedError when the stored
   * message still cannot be handled, and whatever the handler throws.
   */
  async handleStored(em: EntityManager, payload: unknown): Promise<RedriveResult> {
    const envelope = parseEnvelope(payload);
    if (!envelope) throw new EventRefusedError('the dead letter holds no event envelope');
    if (!(await enterInbox(em, this.options.durable, envelope.id))) return 'already_handled';
    const reading = await readEvent(envelope, this.options.events);
    if (!reading.ok) throw new EventRefusedError(reading.reason);
    await requestContext.run({ requestId: envelope.requestId ?? envelope.id }, () =>
      this.options.handle(reading.event, em, eventMetaOf(envelope)),
    );
    return 'handled';
  }

  /**
   * Messages pulled ahead. No more than this copy handles at once: nothing waits in its buffer while
   * another copy is idle.
   */
  protected pullSize(): number {
    return this.concurrency;
  }

  private filterConfig(): Partial<ConsumerConfig> {
    if (this.subjects.length === 1) return { filter_subject: this.subjects[0] };
    if (supportsMultipleFilters(this.deps.nc.info?.version)) return { filter_subjects: this.subjects };
    this.logger.warn(
      'this NATS server filters on one subject only; the consumer reads the stream and filters',
    );
    this.localFilter = this.subjects;
    return {};
  }

  /** Up to `concurrency` events in hand at once, each acknowledged on its own. */
  protected async run(messages: ConsumerMessages): Promise<void> {
    const inHand = new Set<Promise<void>>();
    try {
      for await (const msg of messages) {
        if (this.stopping) break;
        const handling = this.process(msg).finally(() => inHand.delete(handling));
        inHand.add(handling);
        if (inHand.size >= this.concurrency) await Promise.race(inHand);
      }
    } catch (error) {
      if (!this.stopping) this.logger.error(`stopped consuming: ${errorText(error)}`);
    } finally {
      await Promise.all(inHand);
    }
  }

  protected async process(msg: JsMsg, read?: ReadMessage): Promise<void> {
    try {
      await this.processOne(msg, read);
    } catch (error) {
      // Left unanswered: the server redelivers it after ack_wait.
      this.logger.error(`could not process a message: ${errorText(error)}`);
    }
  }

  /**
   * The event a message carries, validated; undefined when the message was settled here: acknowledged
   * (another subject, when this consumer filters itself) or dead-lettered (not an event, or one this
   * consumer cannot read).
   */
  protected async readMessage(msg: JsMsg): Promise<ReadMessage | undefined> {
    if (this.localFilter && !this.localFilter.some((filter) => subjectMatches(filter, msg.subject))) {
      this.reply(() => msg.ack());
      return undefined;
    }
    const deliveries = msg.info.deliveryCount;
    const envelope = parseEnvelope(parseJson(msg));
    if (!envelope) {
      const eventId = standInEventId(msg.info.stream, msg.seq);
      await this.deadLetter(msg, eventId, null, msg.string(), 'not an event envelope', deliveries);
      return undefined;
    }
    const reading = await readEvent(envelope, this.options.events);
    if (!reading.ok) {
      this.logger.error(`event ${envelope.id} refused, dead-lettered: ${reading.reason}`);
      await this.deadLetter(msg, envelope.id, envelope.type, envelope, reading.reason, deliveries);
      return undefined;
    }
    return { event: reading.event, envelope };
  }

  /** Handles a message on its own, in a transaction of its own, and settles it. */
  protected async processOne(msg: JsMsg, read?: ReadMessage): Promise<void> {
    const reading = read ?? (await this.readMessage(msg));
    if (!reading) return;
    const { envelope } = reading;
    const deliveries = msg.info.deliveryCount;
    const heartbeat = setInterval(() => this.reply(() => msg.working()), Math.max(this.ackWaitMs / 3, 100));
    try {
      await requestContext.run({ requestId: envelope.requestId ?? envelope.id }, () =>
        this.handleOnce(reading.event, envelope, deliveries),
      );
    } catch (error) {
      clearInterval(heartbeat);
      await this.onFailure(msg, envelope, error, deliveries);
      return;
    } finally {
      clearInterval(heartbeat);
    }
    // A lost ack only causes a redelivery, which the inbox turns into a no-op.
    this.reply(() => msg.ack());
    this.deps.onOutcome?.(this.options.durable, 'handled');
  }

  /** Answers the server; on a closed connection the answer is lost and the server redelivers. */
  protected reply(answer: () => void): void {
    try {
      answer();
    } catch (error) {
      this.logger.warn(`could not answer the server: ${errorText(error)}`);
    }
  }

  private handleOnce(event: object, envelope: EventEnvelope, deliveries: number): Promise<void> {
    return this.deps.orm.em.fork().transactional(async (em) => {
      if (!(await enterInbox(em, this.options.durable, envelope.id))) return;
      if (deliveries > this.maxDeliver) {
        throw new DeliveryLimitPassed(`no outcome recorded after ${this.maxDeliver} deliveries`);
      }
      await this.options.handle(event, em, eventMetaOf(envelope));
    });
  }

  private async onFailure(
    msg: JsMsg,
    envelope: EventEnvelope,
    error: unknown,
    deliveries: number,
  ): Promise<void> {
    const outcome = afterFailure(deliveries, this.maxDeliver, this.backoffMs);
    const context = `event ${envelope.id} (${envelope.type}), delivery ${deliveries} of ${this.maxDeliver}`;
    if (outcome.action === 'retry') {
      this.logger.warn(`${context} failed, retrying in ${outcome.delayMs} ms: ${errorText(error)}`);
      this.reply(() => msg.nak(outcome.delayMs));
      this.deps.onOutcome?.(this.options.durable, 'retried');
      return;
    }
    this.logger.error(`${context} failed, dead-lettered: ${errorText(error)}`);
    await this.deadLetter(msg, envelope.id, envelope.type, envelope, errorText(error), deliveries);
  }

  private async deadLetter(
    msg: JsMsg,
    eventId: string,
    type: string | null,
    payload: unknown,
    error: string,
    deliveries: number,
  ): Promise<void> {
    try {
      await recordDeadLetter(this.deps.orm.em.fork(), {
        consumer: this.options.durable,
        eventId,
        subject: msg.subject,
        type,
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
    this.deps.onOutcome?.(this.options.durable, 'dead_lettered');
  }
}

/** The meta a handler gets beside an event, from its envelope. */
export function eventMetaOf(envelope: EventEnvelope): EventMeta {
  return {
    id: envelope.id,
    type: envelope.type,
    version: envelope.version,
    occurredAt: envelope.occurredAt,
    ...(envelope.requestId ? { requestId: envelope.requestId } : {}),
  };
}

function parseJson(msg: JsMsg): unknown {
  try {
    return msg.json<unknown>();
  } catch {
    return undefined;
  }
}

/** Database errors by their names and SQLSTATE: their messages carry the events' values. */
function errorText(error: unknown): string {
  return errorSummary(error);
}
