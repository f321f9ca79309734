import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { sqlIn } from '@app/persistence';
import { deletionCutoff } from '../domain/retention';
import { rateWindowStart } from '../domain/rate-window';
import { IntakeSessions } from '../intake/intake-sessions';
import { ReporterInstance } from '../intake/reporter-instance';
import { StagedFiles } from '../intake/staged-files';
import { ReporterEnv } from '../reporter.config';
import { ATTACHMENT_STORAGE, AttachmentStorage } from '../storage/attachment-storage';

const BATCH = 100;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export interface SweepReport {
  orphanIntakes: number;
  discardedSubmissions: number;
  expiredReceipts: number;
  wipedCodes: number;
}

/**
 * The reporter's clean-up, every REPORTER_SWEEP_INTERVAL_SECONDS on every copy: rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so copies running at once take different rows and never wait on each
 * other. Uploads left unfinished, rejected and spam submissions past retention (with files, messages,
 * notes and contact data), expired idempotency records, kept confirmation codes and old counters go.
 */
@Injectable()
export class HousekeepingJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Housekeeping');
  private readonly startedAt = new Date();
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly em: EntityManager,
    private readonly config: ReporterEnv,
    private readonly instance: ReporterInstance,
    private readonly sessions: IntakeSessions,
    private readonly staged: StagedFiles,
    @Inject(ATTACHMENT_STORAGE) private readonly storage: AttachmentStorage,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // What this copy held before it stopped cannot be finished: its streaming state died with it.
    const left = await this.em
      .fork()
      .getConnection()
      .execute<{ id: string }[]>(
        `select id from reporter.intake where owner_instance = ? and created_at < ?`,
        [this.instance.id, this.startedAt],
      );
    if (left.length > 0) {
      const files = await this.staged.discardIntakes(left.map((row) => row.id));
      this.logger.log(`deleted ${left.length} uploads (${files} files) this copy left unfinished`);
    }
    this.timer = setInterval(() => void this.tick(), this.config.REPORTER_SWEEP_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.sweep(new Date())
      .then((report) => this.record(report))
      .catch((error: unknown) =>
        this.logger.warn(`clean-up failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    await this.running;
    this.running = undefined;
  }

  /**
   * Operators see what retention removed, and from which copy: the counts are of rows this copy's pass
   * deleted, so the lines of all copies add up to what went.
   */
  private record(report: SweepReport): void {
    if (report.orphanIntakes + report.discardedSubmissions === 0) return;
    this.logger.log(
      `deleted ${report.discardedSubmissions} submissions past retention and ${report.orphanIntakes} unfinished uploads`,
    );
  }

  /** One pass; returns what it deleted. */
  async sweep(now: Date): Promise<SweepReport> {
    this.sessions.forgetIdle(now.getTime() - this.config.INTAKE_ORPHAN_MINUTES * MINUTE_MS);
    const report: SweepReport = {
      orphanIntakes: 0,
      discardedSubmissions: 0,
      expiredReceipts: 0,
      wipedCodes: 0,
    };
    const orphanCutoff = new Date(now.getTime() - this.config.INTAKE_ORPHAN_MINUTES * MINUTE_MS);
    for (;;) {
      const swept = await this.em.fork().transactional(async (em) => {
        const ids = await sqlIn(em)<{ id: string }[]>(
          `select id from reporter.intake where created_at < ? order by created_at limit ? for update skip locked`,
          [orphanCutoff, BATCH],
        );
        if (ids.length > 0)
          await this.staged.discardIn(
            em,
            ids.map((row) => row.id),
          );
        return ids.length;
      });
      report.orphanIntakes += swept;
      if (swept < BATCH) break;
    }
    const cutoff = deletionCutoff(now, this.config.RETENTION_DAYS);
    for (;;) {
      const deleted = await this.em.fork().transactional((em) => this.discardDecided(em, cutoff));
      report.discardedSubmissions += deleted;
      if (deleted < BATCH) break;
    }
    const run = sqlIn(this.em.fork());
    report.expiredReceipts = (
      await run<unknown[]>(
        `delete from reporter.idempotency_record where expires_at <= ? returning key_hash`,
        [now],
      )
    ).length;
    report.wipedCodes = (
      await run<unknown[]>(
        `update reporter.submission set confirmation_code = null
          where confirmation_code is not null and received_at <= ? returning id`,
        [new Date(now.getTime() - this.config.CONFIRMATION_CODE_HOURS * HOUR_MS)],
      )
    ).length;
    await run(`delete from reporter.rate_counter where window_start < ?`, [rateWindowStart(now)]);
    return report;
  }

  /** One batch of rejected and spam submissions decided at or before `cutoff`, with all they carry. */
  private async discardDecided(em: EntityManager, cutoff: Date): Promise<number> {
    const run = sqlIn(em);
    const rows = await run<{ id: string }[]>(
      `select id from reporter.submission where status in ('rejected', 'spam') and decided_at <= ?
        order by decided_at limit ? for update skip locked`,
      [cutoff, BATCH],
    );
    if (rows.length === 0) return 0;
    const ids = `{${rows.map((row) => row.id).join(',')}}`;
    for (const table of ['message', 'note', 'transition', 'idempotency_record']) {
      await run(`delete from reporter.${table} where submission_id = any(?::uuid[])`, [ids]);
    }
    const files = await run<{ id: string }[]>(
      `delete from reporter.attachment where submission_id = any(?::uuid[]) returning id`,
      [ids],
    );
    await this.storage.delete(
      files.map((row) => row.id),
      em,
    );
    await run(`delete from reporter.submission where id = any(?::uuid[])`, [ids]);
    return rows.length;
  }
}
