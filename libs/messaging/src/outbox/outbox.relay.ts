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

/** A committed row as its writer recorded it (an OutboxEvent), handed to the relay in memory. */
export type CommittedOutboxRow = Readonly<ClaimedRow>;

const codec = StringCodec();

/** Batches of committed rows held in memory at most; the rest are left to the poll passes. */
const HANDED_OFF_BATCHES = 10;

/**
 * Publishes committed outbox rows to JetStream and marks them published. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so every copy of a service can run a relay: each row is published by one
 * of them at a time. A row is marked only after JetStream acknowledged it; a crash in between makes
 * the next relay publish it again under the same `Nats-Msg-Id`, which the stream's duplicate window
 * drops (and consumers' inboxes catch beyond that window). Nothing in memory is the only copy: a
 * relay that dies leaves the rows for the next one.
 *
 * Rows this process committed are handed over in memory right after the commit (`handOff`): the relay
 * publishes them and marks them with one UPDATE, without a transaction that claims them first. That
 * row is already committed and every publish carries its id, so another relay publishing it meanwhile
 * (a poll pass of another copy) costs a duplicate the stream drops, never a lost event; what the
 * hand-off could not publish stays unpublished for the poll passes, which count its attempts.
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
  /** Rows committed by this process, waiting to be published without being claimed first. */
  private handedOff: ClaimedRow[] = [];

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

  /**
   * Rows a transaction of this process has just committed: published next, before any poll. A relay
   * that is not running leaves them to the poll passes of whichever relay runs.
   */
  handOff(rows: readonly CommittedOutboxRow[]): void {
    if (!this.loop || this.stopping) return;
    // While JetStream is slow the queue would only grow: past a few batches, rows wait for the polls.
    const room = HANDED_OFF_BATCHES * this.batchSize - this.handedOff.length;
    for (const { id, subject, payload } of rows.slice(0, Math.max(0, room))) {
      this.handedOff.push({ id, subject, payload });
    }
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
    while (this.handedOff.length > 0 && Date.now() < deadline) {
      published += await this.publishHandedOff().catch(() => 0);
    }
    while (Date.now() < deadline) {
      const pass = await this.publishPending();
      published += pass.claimed - pass.failed;
      if (pass.failed > 0 || pass.claimed < this.batchSize) break;
    }
    return published;
  }

  /**
   * Publishes up to a batch of the rows handed over, then marks those JetStream took with one
   * statement. A failed publish is not recorded here: the row stays unpublished, and the poll pass
   * that claims it counts the attempt. Returns how many were published.
   */
  private async publishHandedOff(): Promise<number> {
    const rows = this.handedOff.splice(0, this.batchSize);
    const outcomes = await this.publishRows(rows);
    const published = rows.filter((_, i) => outcomes[i].status === 'fulfilled').map((row) => row.id);
    if (published.length > 0) {
      const knex = this.orm.em.getConnection().getKnex();
      await knex
        .withSchema(this.schema())
        .table(this.table())
        .whereIn('id', published)
        .whereNull('published_at')
        .update({ published_at: knex.fn.now() });
    }
    const failures = failuresByError(rows, outcomes);
    if (failures.size > 0) {
      this.logger.warn(
        `${rows.length - published.length} of ${rows.length} events not published yet: ${[...failures.keys()].join('; ')}`,
      );
    }
    return published.length;
  }

  private publishRows(rows: readonly ClaimedRow[]): Promise<PromiseSettledResult<unknown>[]> {
    return Promise.allSettled(
      rows.map((row) =>
        this.js.publish(this.namespace.subject(row.subject), codec.encode(JSON.stringify(row.payload)), {
          msgID: row.id,
          timeout: this.publishTimeoutMs,
        }),
      ),
    );
  }

  private table(): string {
    return this.orm.getMetadata().get(OutboxEvent.name).tableName;
  }

  private schema(): string {
    return this.orm.config.get('schema') ?? 'public';
  }

  /** One pass: claims up to a batch of the oldest unpublished rows, publishes them, records the outcome. */
  async publishPending(): Promise<PassResult> {
    const knex = this.orm.em.getConnection().getKnex();
    const table = this.table();
    const schema = this.schema();
    const result = await knex.transaction(async (trx) => {
      const rows = await trx
        .withSchema(schema)
        .select<ClaimedRow[]>('id', 'subject', 'payload')
        .from(table)
        .whereNull('published_at')
        .orderBy('created_at')
        .limit(this.batchSize)
        .forUpdate()
        .skipLocked();
      if (rows.length === 0) return { claimed: 0, failed: 0, ids: [] };

      const outcomes = await this.publishRows(rows);
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
      return { claimed: rows.length, failed: rows.length - published.length, ids: rows.map((row) => row.id) };
    });
    // Rows this pass claimed need not be published again from memory.
    if (result.ids.length > 0 && this.handedOff.length > 0) {
      const claimed = new Set(result.ids);
      this.handedOff = this.handedOff.filter((row) => !claimed.has(row.id));
    }
    return { claimed: result.claimed, failed: result.failed };
  }

  private async run(): Promise<void> {
    let retryDelayMs = this.pollIntervalMs;
    let nextPollAt = 0;
    while (!this.stopping) {
      const wait = nextPollAt - Date.now();
      // Rows handed over go first, but never keep a due poll pass from running.
      if (this.handedOff.length > 0 && !this.kicked && wait > 0) {
        try {
          await this.publishHandedOff();
        } catch (error) {
          // The rows stay unpublished in the table: a poll pass claims them.
          this.logger.warn(`publishing committed events failed: ${errorText(error)}`);
        }
        continue;
      }
      if (!this.kicked && wait > 0) {
        await this.idle(wait);
        continue;
      }
      this.kicked = false;
      let pass: PassResult;
      try {
        pass = await this.publishPending();
      } catch (error) {
        this.logger.warn(`outbox pass failed: ${errorText(error)}`);
        pass = { claimed: 0, failed: 1 };
      }
      if (pass.failed > 0) {
        nextPollAt = Date.now() + retryDelayMs;
        retryDelayMs = Math.min(retryDelayMs * 2, this.maxRetryDelayMs);
        continue;
      }
      retryDelayMs = this.pollIntervalMs;
      nextPollAt = pass.claimed === this.batchSize ? 0 : Date.now() + this.pollIntervalMs;
    }
  }

  private idle(ms: number): Promise<void> {
    if (this.kicked || this.stopping || this.handedOff.length > 0) return Promise.resolve();
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
    return 'no JetStream stream captures the subject, or its leader is being elected';
  return error instanceof Error ? error.message : String(error);
}
