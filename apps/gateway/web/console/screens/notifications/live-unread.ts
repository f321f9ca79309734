import type { UnreadCountReply } from '@app/contracts/notifications/notification.model';
import { NOTIFICATION_ROUTES } from '@web/console/api/routes';
import type { StaffApi } from '@web/console/api/staff-api';

/**
 * The signed-in person's unread count and the arrival of new entries, as the notification stream tells
 * them. One per console (the badge in the header and the feed share it), so the header never opens a
 * second stream for the feed.
 */
export class LiveUnread {
  private count: number | null = null;
  private arrivalCount = 0;
  private streaming = false;
  private readonly listeners = new Set<() => void>();

  /** Null until the stream (or a mark-read answer) told the count. */
  get unread(): number | null {
    return this.count;
  }

  /** Goes up with every new entry the stream brings; a feed showing its first page loads again on it. */
  get arrivals(): number {
    return this.arrivalCount;
  }

  /** Whether the stream has spoken since `follow` began: from then on the count changes as it happens. */
  get live(): boolean {
    return this.streaming;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A count the server gave (the stream, or the answer to marking entries read). */
  setUnread(unread: number): void {
    if (this.count === unread) return;
    this.count = unread;
    this.notify();
  }

  /**
   * Reads the stream until `signal` aborts (it reconnects by itself). The count is asked once as well,
   * so the badge shows it even while the stream is refused (a gateway copy at its limit of streams).
   */
  follow(api: StaffApi, signal: AbortSignal): Promise<void> {
    this.count = null;
    this.streaming = false;
    this.notify();
    api.call<UnreadCountReply>(NOTIFICATION_ROUTES.unreadCount).then(
      (reply) => {
        if (!signal.aborted && !this.streaming) this.setUnread(reply.unread);
      },
      () => undefined,
    );
    return api.stream(
      NOTIFICATION_ROUTES.stream,
      (event, data) => {
        if (!this.streaming) {
          this.streaming = true;
          this.notify();
        }
        if (event === 'unread' && isUnread(data)) this.setUnread(data.unread);
        if (event === 'notification') {
          this.arrivalCount += 1;
          this.notify();
        }
      },
      signal,
    );
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

function isUnread(data: unknown): data is { unread: number } {
  return (
    typeof data === 'object' && data !== null && typeof (data as { unread?: unknown }).unread === 'number'
  );
}

const BY_API = new WeakMap<StaffApi, LiveUnread>();

/** The console's one LiveUnread (the API client is made once per console). */
export function liveUnreadOf(api: StaffApi): LiveUnread {
  let live = BY_API.get(api);
  if (!live) {
    live = new LiveUnread();
    BY_API.set(api, live);
  }
  return live;
}
