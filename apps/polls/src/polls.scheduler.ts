import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PollsEnv } from './polls.config';
import { PollScheduleRepository } from './repositories/poll-schedule.repository';
import { PollSignals } from './poll.signals';
import { errorSummary } from '@app/persistence';

const CLOSES_PER_PASS = 50;
const ADDRESS_COUNT_CLEANUP_EVERY_MS = 10 * 60 * 1000;

/**
 * What happens because time passes, with no request: `poll.closed` for each poll whose closesAt went
 * by (exactly once across all copies; the claim is in the database) and a changed signal when a poll
 * opens or closes by the clock. Every copy runs it; the work is idempotent or claimed.
 */
@Injectable()
export class PollsScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('PollsScheduler');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private since: string | null = null;
  private lastCleanup = 0;

  constructor(
    private readonly repository: PollScheduleRepository,
    private readonly signals: PollSignals,
    private readonly config: PollsEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass; exposed so a caller can run it now instead of waiting for the timer. */
  async tick(): Promise<void> {
    const closed = await this.repository.recordDueCloses(CLOSES_PER_PASS);
    closed.forEach((pollId) => this.signals.changed(pollId));
    const transitions = await this.repository.transitionsSince(this.since);
    this.since = transitions.now;
    transitions.pollIds
      .filter((id) => !closed.includes(id))
      .forEach((pollId) => this.signals.changed(pollId));
    if (Date.now() - this.lastCleanup > ADDRESS_COUNT_CLEANUP_EVERY_MS) {
      this.lastCleanup = Date.now();
      await this.repository.forgetPastAddressCounts();
    }
    if (closed.length === CLOSES_PER_PASS) await this.tick();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((error: unknown) => this.logger.warn(`scheduler pass failed: ${errorSummary(error)}`))
        .finally(() => {
          this.running = undefined;
          this.schedule(this.config.POLL_SCHEDULER_INTERVAL_MS);
        });
    }, delayMs);
    this.timer.unref();
  }
}
