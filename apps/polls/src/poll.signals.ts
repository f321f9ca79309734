import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { JSONCodec, Subscription } from 'nats';
import { POLL_CHANGED_SIGNAL, PollChangedSignal } from '@app/contracts';
import { NatsLink } from '@app/messaging';
import { SignalThrottle } from './domain/signal-throttle';
import { PollsEnv } from './polls.config';
import { errorSummary } from '@app/persistence';

const codec = JSONCodec<PollChangedSignal>();

/**
 * Core-NATS "poll changed" signals for caches (the gateway's, and this service's definition copies).
 * Results changes are throttled per poll; definition changes and clock transitions go out at once.
 * Losing one costs a stale read for at most a cache's lifetime, never data.
 */
@Injectable()
export class PollSignals implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PollSignals');
  private readonly throttle: SignalThrottle;
  private readonly listeners: ((signal: PollChangedSignal) => void)[] = [];
  private subscription?: Subscription;

  constructor(
    private readonly nats: NatsLink,
    config: PollsEnv,
  ) {
    this.throttle = new SignalThrottle(config.POLL_SIGNAL_INTERVAL_MS, (pollId) =>
      this.publish({ pollId, countsOnly: true }),
    );
  }

  /** A vote changed the results. */
  resultsChanged(pollId: string): void {
    this.throttle.hit(pollId);
  }

  /** The definition changed, the poll was deleted, or it opened or closed. */
  changed(pollId: string, deleted = false): void {
    this.publish(deleted ? { pollId, deleted } : { pollId });
  }

  onSignal(listener: (signal: PollChangedSignal) => void): void {
    this.listeners.push(listener);
  }

  onApplicationBootstrap(): void {
    this.subscription = this.nats.nc.subscribe(this.nats.namespace.subject(POLL_CHANGED_SIGNAL), {
      callback: (error, message) => {
        if (error) return;
        try {
          const signal = codec.decode(message.data);
          this.listeners.forEach((listener) => listener(signal));
        } catch {
          // Not a signal of ours; nothing depends on it.
        }
      },
    });
  }

  onApplicationShutdown(): void {
    this.throttle.flush();
    this.subscription?.unsubscribe();
  }

  private publish(signal: PollChangedSignal): void {
    if (!this.nats.isConnected()) return;
    try {
      this.nats.nc.publish(this.nats.namespace.subject(POLL_CHANGED_SIGNAL), codec.encode(signal));
    } catch (error) {
      this.logger.warn(`signal for poll ${signal.pollId} not published: ${errorSummary(error)}`);
    }
  }
}
