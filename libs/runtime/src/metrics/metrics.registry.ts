import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ScrapeRead, ScrapeReads } from './scrape-reads';

/** One registry per process: process metrics plus the suite's own histograms, counters and gauges. */
export class MetricsRegistry {
  readonly registry = new Registry();
  private readonly scrapeReads = new ScrapeReads();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly natsRequestDuration = new Histogram({
    name: 'nats_request_duration_seconds',
    help: 'NATS request-reply duration by subject and outcome',
    labelNames: ['subject', 'outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  /** A service's side of request-reply: from a message's arrival until its reply is sent. */
  readonly natsHandlingDuration = new Histogram({
    name: 'nats_handling_duration_seconds',
    help: 'Handling of a NATS message by this service, by subject and outcome',
    labelNames: ['subject', 'outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  /**
   * Events this copy's consumers took, by consumer and outcome: with one series per copy, how the
   * copies of a service share the stream.
   */
  readonly eventsHandled = new Counter({
    name: 'events_handled_total',
    help: 'Event deliveries taken by this copy, by consumer and outcome (handled, retried, dead_lettered)',
    labelNames: ['consumer', 'outcome'] as const,
    registers: [this.registry],
  });

  /** Outbox rows not yet on JetStream (read at scrape time; every copy of a service reads the same table). */
  readonly outboxUnpublished = new Gauge({
    name: 'outbox_unpublished_events',
    help: 'Outbox events recorded but not yet published to JetStream',
    registers: [this.registry],
    collect: () => this.scrapeReads.run(),
  });

  /** 0 when nothing waits: an age that keeps growing is a relay that does not publish. */
  readonly outboxOldestAge = new Gauge({
    name: 'outbox_oldest_unpublished_age_seconds',
    help: 'Age of the oldest unpublished outbox event in seconds (0 when none waits)',
    registers: [this.registry],
    collect: () => this.scrapeReads.run(),
  });

  /** Events parked for a person, by the consumer that gave up on them. */
  readonly deadLetters = new Gauge({
    name: 'dead_letters',
    help: 'Dead letters waiting in this service, by consumer',
    labelNames: ['consumer'] as const,
    registers: [this.registry],
    collect: () => this.scrapeReads.run(),
  });

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }

  /** Runs `read` at every scrape, before the gauges it sets are written out. */
  readOnScrape(read: ScrapeRead): void {
    this.scrapeReads.add(read);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
