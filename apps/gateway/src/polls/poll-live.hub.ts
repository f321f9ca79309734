import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DomainError, ServiceUnavailableError } from '@app/contracts';
import { PollsGatewaySettings } from './polls.settings';

export interface LiveSubscriber {
  /** Reads the poll as this subscriber may see it and sends it (the cache shares the reads). */
  refresh(): Promise<void>;
  close(): void;
}

interface Channel {
  subscribers: Set<LiveSubscriber>;
  lastSentAt: number;
  timer?: NodeJS.Timeout;
}

/**
 * Live results for the open SSE streams of this gateway copy. A change signal schedules one refresh per
 * poll, at most once per interval however many votes arrive; every stream of the poll then reads it
 * through the gateway's cache, which asks the polls service once per kind of reader.
 */
@Injectable()
export class PollLiveHub implements BeforeApplicationShutdown {
  private readonly logger = new Logger('PollLive');
  private readonly channels = new Map<string, Channel>();
  private streams = 0;

  constructor(private readonly settings: PollsGatewaySettings) {}

  /** Registers a stream; returns the function that unregisters it. 503 when this copy is at its limit. */
  join(pollId: string, subscriber: LiveSubscriber): () => void {
    if (this.streams >= this.settings.liveMaxStreams) throw new ServiceUnavailableError('live results');
    let channel = this.channels.get(pollId);
    if (!channel) {
      channel = { subscribers: new Set(), lastSentAt: Date.now() };
      this.channels.set(pollId, channel);
    }
    channel.subscribers.add(subscriber);
    this.streams += 1;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.streams -= 1;
      channel.subscribers.delete(subscriber);
      if (channel.subscribers.size === 0) {
        clearTimeout(channel.timer);
        this.channels.delete(pollId);
      }
    };
  }

  changed(pollId: string): void {
    const channel = this.channels.get(pollId);
    if (!channel || channel.timer) return;
    const delay = Math.max(0, channel.lastSentAt + this.settings.liveIntervalMs - Date.now());
    channel.timer = setTimeout(() => void this.flush(pollId, channel), delay);
  }

  beforeApplicationShutdown(): void {
    for (const channel of this.channels.values()) {
      clearTimeout(channel.timer);
      for (const subscriber of [...channel.subscribers]) subscriber.close();
    }
    this.channels.clear();
  }

  private async flush(pollId: string, channel: Channel): Promise<void> {
    channel.timer = undefined;
    channel.lastSentAt = Date.now();
    for (const subscriber of [...channel.subscribers]) {
      try {
        await subscriber.refresh();
      } catch (error) {
        if (error instanceof DomainError && error.status === 404) {
          subscriber.close();
          continue;
        }
        // The polls service did not answer: the next signal or the streams' reconnect will catch up.
        this.logger.warn(`could not refresh live results of ${pollId}: ${String(error)}`);
        return;
      }
    }
  }
}
