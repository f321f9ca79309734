import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { type Caller, type ModerationCountsView, ServiceUnavailableError } from '@app/contracts';
import { ModerationLiveSettings } from './moderation-live.settings';

export interface CountsSubscriber {
  /** The moderator who opened the stream: the recount is asked in their name. */
  caller: Caller;
  send(counts: ModerationCountsView): void;
  close(): void;
}

/** What the hub needs of the comments gateway: the queues' counts, asked as a moderator. */
export interface CountsSource {
  queueCounts(caller: Caller): Promise<ModerationCountsView>;
}

/**
 * The moderators' open count streams on this gateway copy. Any change signal schedules one recount, at
 * most once per interval however many comments arrive; the counts are the same for every moderator,
 * so one call serves all the streams, and a stream is sent only counts that differ from its last.
 */
@Injectable()
export class ModerationLiveHub implements BeforeApplicationShutdown {
  private readonly logger = new Logger('ModerationLive');
  private readonly subscribers = new Map<CountsSubscriber, string>();
  private lastCountedAt = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly settings: ModerationLiveSettings,
    private readonly source: CountsSource,
  ) {}

  /** Registers a stream that was sent `initial`; returns the function that unregisters it. 503 at the limit. */
  join(subscriber: CountsSubscriber, initial: ModerationCountsView): () => void {
    if (this.subscribers.size >= this.settings.maxStreams) {
      throw new ServiceUnavailableError('live moderation counts');
    }
    this.subscribers.set(subscriber, keyOf(initial));
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) {
        clearTimeout(this.timer);
        this.timer = undefined;
      }
    };
  }

  get streams(): number {
    return this.subscribers.size;
  }

  changed(): void {
    if (this.subscribers.size === 0 || this.timer) return;
    const delay = Math.max(0, this.lastCountedAt + this.settings.intervalMs - Date.now());
    this.timer = setTimeout(() => void this.flush(), delay);
  }

  beforeApplicationShutdown(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const subscriber of [...this.subscribers.keys()]) subscriber.close();
    this.subscribers.clear();
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    this.lastCountedAt = Date.now();
    const someone = [...this.subscribers.keys()].pop();
    if (!someone) return;
    let counts: ModerationCountsView;
    try {
      counts = await this.source.queueCounts(someone.caller);
    } catch (error) {
      // The comments service did not answer: the next change or the streams' reconnect will catch up.
      this.logger.warn(`could not recount the moderation queues: ${String(error)}`);
      return;
    }
    const key = keyOf(counts);
    for (const [subscriber, sent] of this.subscribers) {
      if (sent === key) continue;
      this.subscribers.set(subscriber, key);
      subscriber.send(counts);
    }
  }
}

function keyOf(counts: ModerationCountsView): string {
  return `${counts.pending}/${counts.flagged}/${counts.rejected}`;
}
