import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** One registry per process: process metrics plus the suite's own histograms. */
export class MetricsRegistry {
  readonly registry = new Registry();

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

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
