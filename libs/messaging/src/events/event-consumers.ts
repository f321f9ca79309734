import { Logger } from '@nestjs/common';
import type { EventClass } from '@app/contracts';
import { EventConsumer, EventConsumerDeps, EventConsumerOptions, OutcomeObserver } from './event.consumer';
import { BatchEventConsumer, BatchEventConsumerOptions } from './batch-event.consumer';

/**
 * The service's event consumers. A feature registers its consumers while the application starts
 * (in a provider's constructor: a service's hybrid start runs `onModuleInit` once per face);
 * they begin pulling once the application has bootstrapped and
 * stop, finishing the events in hand, when it shuts down.
 */
export class EventConsumers {
  private readonly logger = new Logger('EventConsumers');
  private readonly consumers: EventConsumer[] = [];
  private started = false;
  private readonly observers: OutcomeObserver[] = [];
  private readonly deps: EventConsumerDeps;

  constructor(deps: EventConsumerDeps) {
    this.deps = {
      ...deps,
      onOutcome: (consumer, outcome) => {
        deps.onOutcome?.(consumer, outcome);
        this.observers.forEach((observer) => observer(consumer, outcome));
      },
    };
  }

  /** Told of every delivery each consumer is done with (for the metrics). */
  observe(observer: OutcomeObserver): void {
    this.observers.push(observer);
  }

  /** The names of the registered consumers. */
  durables(): string[] {
    return this.consumers.map((consumer) => consumer.durable);
  }

  register<TClasses extends readonly EventClass[]>(options: EventConsumerOptions<TClasses>): void {
    this.add(new EventConsumer(this.deps, options));
  }

  /** A consumer that handles the events that arrived together in one transaction. */
  registerBatch<TClasses extends readonly EventClass[]>(options: BatchEventConsumerOptions<TClasses>): void {
    this.add(new BatchEventConsumer(this.deps, options));
  }

  private add(consumer: EventConsumer): void {
    if (this.find(consumer.durable)) {
      throw new Error(`event consumer "${consumer.durable}" is registered twice`);
    }
    this.consumers.push(consumer);
    if (this.started) void this.startOne(consumer);
  }

  /** The consumer registered as `durable` (the name dead letters keep). */
  find(durable: string): EventConsumer | undefined {
    return this.consumers.find((consumer) => consumer.durable === durable);
  }

  async start(): Promise<void> {
    this.started = true;
    await Promise.all(this.consumers.map((consumer) => this.startOne(consumer)));
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
  }

  private async startOne(consumer: EventConsumer): Promise<void> {
    await consumer.start();
    this.logger.log(`consuming events as "${consumer.durable}" from ${this.deps.address.stream}`);
  }
}
