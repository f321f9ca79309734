import { Logger } from '@nestjs/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { JetStreamClient } from 'nats';
import { ErrorCode, NatsError, StringCodec } from 'nats';
import { NatsNamespace } from '../nats-namespace';
import { OutboxEvent } from './outbox-event.entity';

export interface OutboxRelayOptions {
  /** Rows claimed and published per transaction. */
  batchSize?: number;
  /** How often the relay looks for new rows when nobody kicks it. */
  pollIntervalMs?: number;
  /** How long one publish may wait for JetStream's acknowledgement. */
  publishTimeoutMs?: number;
  /** Ceiling of the pause after a failed pass; pauses double from the poll interval up to it. */
  maxRetryDelayMs?: number;
  /** Bound on the final flush at `stop()`; what is left is published by the next relay to run. */
  flushTimeoutMs?: number;
}

interface PassResult {
  claimed: number;
  failed: number;
}

interface ClaimedRow {
  id: string;
  subject: string;
  payload: unknown;
}

const codec = StringCodec();

/**
 * Publishes committed outbox rows to JetStream and marks them published. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so every copy of a service can run a relay: each row is published by one
 * of them at a time. A row is marked only after JetStream acknowledged it; a crash in between makes
 * the next relay publish it again under the same `Nats-Msg-Id`, which the stream's duplicate window
 * drops (and consumers' inboxes catch beyond that window). Nothing in memory is the only copy: a
 * relay that dies leaves the rows for the next one.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly publishTimeoutMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly flushTimeoutMs: number;
  private loop?: Promise<void>;
  private stopping = false;
  private kicked = false;
  private wake?: () => void;

  constructor(
    private readonly orm: MikroORM,
    private readonly js: JetStreamClient,
    options: OutboxRelayOptions = {},
    /** Rows name subjects without the deployment's prefix; they are published inside it. */
    private readonly namespace: NatsNamespace = NatsNamespace.none,
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.publishTimeoutMs = options.publishTimeoutMs ?? 5000;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 5000;
    this.flushTimeoutMs = options.flushTimeoutMs ?? 10000;
  }

  get running(): boolean {
    return this.loop !== undefined;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Looks for rows now instead of at the next poll; a writer calls it right after its commit. */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /** Stops polling, then publishes what is still pending (bounded by `flushTimeoutMs`). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    await this.flush(this.flushTimeoutMs);
  }

  /** Publishes until nothing is pending, a pass fails, or the deadline passes; returns how many. */
  async flush(timeoutMs = this.flushTimeoutMs): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    let published = 0;
    while (Date.now() < deadline) {
      const pass = await this.publishPending();
      published += pass.claimed - pass.failed;
      if (pass.failed > 0 || pass.claimed < this.batchSize) break;
    }
    return published;
  }

  /** One pass: claims up to a batch of the oldest unpublished rows, publishes them, records the outcome. */
  async publishPending(): Promise<PassResult> {
    const knex = this.orm.em.getConnection().getKnex();
    const table = this.orm.getMetadata().get(OutboxEvent.name).tableName;
    const schema = this.orm.config.get('schema') ?? 'public';
    return knex.transaction(async (trx) => {
      const rows = await trx
        .withSchema(schema)
        .select<ClaimedRow[]>('id', 'subject', 'payload')
        .from(table)
        .whereNull('published_at')
        .orderBy('created_at')
        .limit(this.batchSize)
        .forUpdate()
        .skipLocked();
      if (rows.length === 0) return { claimed: 0, failed: 0 };

      const outcomes = await Promise.allSettled(
        rows.map((row) =>
          this.js.publish(this.namespace.subject(row.subject), codec.encode(JSON.stringify(row.payload)), {
            msgID: row.id,
            timeout: this.publishTimeoutMs,
          }),
        ),
      );
      const published = rows.filter((_, i) => outcomes[i].status === 'fulfilled').map((row) => row.id);
      if (published.length > 0) {
        await trx
          .withSchema(schema)
          .table(table)
          .whereIn('id', published)
          .update({ published_at: trx.fn.now() });
      }
      const failures = failuresByError(rows, outcomes);
      for (const [error, ids] of failures) {
        await trx
          .withSchema(schema)
          .table(table)
          .whereIn('id', ids)
          .update({ attempts: trx.raw('?? + 1', ['attempts']), last_error: error });
      }
      if (failures.size > 0) {
        this.logger.warn(
          `${rows.length - published.length} of ${rows.length} events not published: ${[...failures.keys()].join('; ')}`,
        );
      }
      return { claimed: rows.length, failed: rows.length - published.length };
    });
  }

  private async run(): Promise<void> {
    let retryDelayMs = this.pollIntervalMs;
    while (!this.stopping) {
      this.kicked = false;
      let pass: PassResult;
      try {
        pass = await this.publishPending();
      } catch (error) {
        this.logger.warn(`outbox pass failed: ${errorText(error)}`);
        pass = { claimed: 0, failed: 1 };
      }
      if (pass.failed > 0) {
        await this.idle(retryDelayMs);
        retryDelayMs = Math.min(retryDelayMs * 2, this.maxRetryDelayMs);
        continue;
      }
      retryDelayMs = this.pollIntervalMs;
      if (pass.claimed === this.batchSize) continue;
      await this.idle(this.pollIntervalMs);
    }
  }

  private idle(ms: number): Promise<void> {
    if (this.kicked || this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake?.(), ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}

function failuresByError(
  rows: ClaimedRow[],
  outcomes: PromiseSettledResult<unknown>[],
): Map<string, string[]> {
  const failures = new Map<string, string[]>();
  outcomes.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') return;
    const error = errorText(outcome.reason);
    failures.set(error, [...(failures.get(error) ?? []), rows[i].id]);
  });
  return failures;
}

function errorText(error: unknown): string {
  if (error instanceof NatsError && error.code === String(ErrorCode.NoResponders))
    return 'no JetStream stream captures the subject';
  return error instanceof Error ? error.message : String(error);
}
