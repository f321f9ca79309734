import { RequestKind, RequestOutcome, RequestRecord } from './fault-report';

/** One request of the load: what it is, and how to send it (again, to another gateway, if refused). */
export interface PlannedRequest {
  kind: RequestKind;
  key: string;
  path: string;
  init: () => RequestInit;
}

export interface LoadOptions {
  /** Requests started per second, whatever the answers take (an open loop, as readers are). */
  ratePerSecond: number;
  /** The gateways to send to, in turn, as a load balancer would; asked again for every request. */
  gateways: () => readonly string[];
  /** After this long without an answer a request counts as hung. */
  deadlineMs: number;
  plan: (n: number) => PlannedRequest;
}

/** Why a fetch failed, from undici's error: the connection refused, or broken in flight. */
function failureOf(error: unknown): RequestOutcome {
  if (error instanceof Error && error.name === 'TimeoutError') return 'hang';
  const code = (error as { cause?: { code?: string } })?.cause?.code;
  return code === 'ECONNREFUSED' ? 'refused' : 'aborted';
}

/**
 * A steady stream of requests to the suite's gateways while a test breaks parts of it. A connection
 * refused never reached the app, so that request is sent to the next gateway, as a load balancer
 * retries; anything else is recorded as it ended.
 */
export class LoadGenerator {
  readonly records: RequestRecord[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;
  private sent = 0;
  private running?: Promise<void>;

  constructor(private readonly options: LoadOptions) {}

  start(): this {
    const startedAt = Date.now();
    const interval = 1000 / this.options.ratePerSecond;
    this.running = (async () => {
      while (!this.stopped) {
        const request = this.send(this.options.plan(this.sent), this.sent);
        this.sent += 1;
        this.inFlight.add(request);
        void request.finally(() => this.inFlight.delete(request));
        const next = startedAt + this.sent * interval;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
      }
    })();
    return this;
  }

  /** Stops sending; resolves with every request's record once the last one ended. */
  async stop(): Promise<RequestRecord[]> {
    this.stopped = true;
    await this.running;
    await Promise.all([...this.inFlight]);
    return this.records;
  }

  /** Records of requests sent from `from` on (a fault's window). */
  since(from: number): RequestRecord[] {
    return this.records.filter((record) => record.sentAt >= from);
  }

  private async send(request: PlannedRequest, n: number): Promise<void> {
    const sentAt = Date.now();
    const signal = AbortSignal.timeout(this.options.deadlineMs);
    const gateways = this.options.gateways();
    let outcome: RequestOutcome = 'refused';
    let problem = false;
    let retryAfter: string | null = null;
    for (let attempt = 0; attempt < gateways.length && outcome === 'refused'; attempt += 1) {
      const gateway = gateways[(n + attempt) % gateways.length];
      try {
        const response = await fetch(`${gateway}${request.path}`, { ...request.init(), signal });
        await response.arrayBuffer();
        outcome = response.status;
        problem = (response.headers.get('content-type') ?? '').startsWith('application/problem+json');
        retryAfter = response.headers.get('retry-after');
      } catch (error) {
        outcome = failureOf(error);
      }
    }
    this.records.push({
      kind: request.kind,
      key: request.key,
      sentAt,
      answeredAt: Date.now(),
      outcome,
      problem,
      retryAfter,
    });
  }
}
