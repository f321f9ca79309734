import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LoginThrottle } from '../identity/login-throttle';
import { RateLimiter } from './rate-limiter';

/** No window is longer than an hour; a day keeps a margin and bounds the table. */
const KEEP_MS = 24 * 3600 * 1000;
const EVERY_MS = 10 * 60 * 1000;

/**
 * Deletes rate-limit windows that ended long ago, so the counters table holds about a day of keys, and
 * the login gate's rows nobody needs any more.
 * Every gateway copy runs it; the deletes are idempotent.
 */
@Injectable()
export class RateCounterJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimits');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly limiter: RateLimiter,
    private readonly login: LoginThrottle,
  ) {}

  onApplicationBootstrap(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(now = new Date()): Promise<void> {
    try {
      await this.limiter.purgeOlderThan(new Date(now.getTime() - KEEP_MS));
      await this.login.purge(now);
    } catch (error) {
      this.logger.warn(`could not purge old rate-limit windows: ${String(error)}`);
    }
  }
}
