import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JSONCodec } from 'nats';
import { POLL_CHANGED_SIGNAL, PollChangedSignal } from '@app/contracts';
import { NatsLink } from '@app/messaging';
import { PollCache } from './poll.cache';
import { PollLiveHub } from './poll-live.hub';

const codec = JSONCodec<PollChangedSignal>();

/**
 * Hears the polls service's change signals (every gateway copy, no queue group) and drops the cached
 * poll and wakes its live streams.
 */
@Injectable()
export class PollSignalsListener implements OnApplicationBootstrap {
  private readonly logger = new Logger('PollSignals');

  constructor(
    private readonly nats: NatsLink,
    private readonly cache: PollCache,
    private readonly live: PollLiveHub,
  ) {}

  onApplicationBootstrap(): void {
    // Ends with the connection, which NatsLink drains at shutdown.
    this.nats.nc.subscribe(this.nats.namespace.subject(POLL_CHANGED_SIGNAL), {
      callback: (error, message) => {
        if (error) return this.logger.warn(`signal subscription: ${error.message}`);
        try {
          this.apply(codec.decode(message.data));
        } catch {
          this.logger.warn('ignored a malformed poll signal');
        }
      },
    });
  }

  apply(signal: PollChangedSignal): void {
    if (typeof signal?.pollId !== 'string') return;
    if (signal.deleted) this.cache.forget(signal.pollId);
    else this.cache.invalidate(signal.pollId, signal.countsOnly === true);
    this.live.changed(signal.pollId);
  }
}
