import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { FeedChangedSignal, ServiceUnavailableError } from '@app/contracts';
import type { SseStream } from '../http/sse.stream';

export class FeedLiveSettings {
  constructor(readonly maxStreams: number) {}
}

/**
 * The open notification streams of this gateway copy, by staff member. A feed signal goes to that
 * person's streams only: the new entry (when there is one) and the unread count.
 */
@Injectable()
export class FeedLiveHub implements BeforeApplicationShutdown {
  private readonly byStaff = new Map<string, Set<SseStream>>();
  private streams = 0;

  constructor(private readonly settings: FeedLiveSettings) {}

  /** Checked before the stream opens, so a copy at its limit can still answer with a problem. */
  admit(): void {
    if (this.streams >= this.settings.maxStreams) throw new ServiceUnavailableError('live notifications');
  }

  join(staffId: string, stream: SseStream): void {
    let streams = this.byStaff.get(staffId);
    if (!streams) {
      streams = new Set();
      this.byStaff.set(staffId, streams);
    }
    streams.add(stream);
    this.streams += 1;
    stream.onClose(() => {
      this.streams -= 1;
      streams.delete(stream);
      if (streams.size === 0) this.byStaff.delete(staffId);
    });
  }

  changed(signal: FeedChangedSignal): void {
    const streams = this.byStaff.get(signal.staffId);
    if (!streams) return;
    for (const stream of streams) {
      if (signal.notification) stream.send('notification', signal.notification);
      stream.send('unread', { unread: signal.unread });
    }
  }

  beforeApplicationShutdown(): void {
    for (const streams of [...this.byStaff.values()]) for (const stream of [...streams]) stream.close();
  }
}
