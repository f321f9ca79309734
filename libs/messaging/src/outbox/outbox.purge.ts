import { Logger } from '@nestjs/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import { sqlTable } from '../events/sql-table';

export interface OutboxPurgeOptions {
  /** Published rows older than this are deleted (`OUTBOX_RETENTION_HOURS`). */
  retentionHours: number;
  /** Rows deleted per statement: each is a short transaction that holds few locks. */
  batchSize?: number;
  /** Statements per pass at most; what is left waits for the next pass. */
  maxBatchesPerPass?: number;
  /** Time between passes. */
  intervalMs?: number;
}

const HOUR_MS = 3_600_000;

/**
 * Deletes outbox rows published longer than the retention ago, so the table holds a few days of events
 * (enough to re-drive from) instead of growing for ever. Every copy of a service runs it: the rows of
 * one statement are claimed with `FOR UPDATE SKIP LOCKED`, so copies deleting at once take different
 * rows and never wait on each other. Unpublished rows are never deleted, however old.
 */
export class OutboxPurge {
  private readonly logger = new Logger('OutboxPurge');
  private readonly batchSize: number;
  private readonly maxBatchesPerPass: number;
  private readonly intervalMs: number;
  private timer?: NodeJS.Timeout;
  private pass?: Promise<number>;

  constructor(
    private readonly orm: MikroORM,
    private readonly options: OutboxPurgeOptions,
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.maxBatchesPerPass = options.maxBatchesPerPass ?? 50;
    this.intervalMs = options.intervalMs ?? 15 * 60_000;
  }

  start(): void {
    if (this.timer) return;
    void this.runPass();
    this.timer = setInterval(() => void this.runPass(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.pass;
  }

  /** One pass: deletes batches until one comes back short or the pass's bound is reached. */
  async purge(): Promise<number> {
    let deleted = 0;
    for (let batch = 0; batch < this.maxBatchesPerPass; batch++) {
      const count = await this.deleteBatch();
      deleted += count;
      if (count < this.batchSize) break;
    }
    return deleted;
  }

  private async runPass(): Promise<void> {
    if (this.pass) return;
    this.pass = this.purge();
    try {
      const deleted = await this.pass;
      if (deleted > 0) this.logger.log(`deleted ${deleted} published outbox rows`);
    } catch (error) {
      this.logger.warn(
        `could not purge the outbox: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      this.pass = undefined;
    }
  }

  private async deleteBatch(): Promise<number> {
    const table = sqlTable(this.orm.config.get('schema'), 'outbox_event');
    // The database's clock, like published_at's: the edge does not move with a process's clock skew.
    const rows: unknown[] = await this.orm.em.fork().execute(
      `delete from ${table} where id in (
         select id from ${table}
          where published_at < now() - make_interval(secs => ?)
          order by published_at
          limit ? for update skip locked)
       returning id`,
      [(this.options.retentionHours * HOUR_MS) / 1000, this.batchSize],
    );
    return rows.length;
  }
}
