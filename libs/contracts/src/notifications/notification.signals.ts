/**
 * Core-NATS signal (payload `FeedChangedSignal`) the notifications service publishes after a staff
 * member's feed changed (a new entry, entries marked read). Every gateway copy hears it and pushes the
 * unread count to that person's open streams. Losing one delays the count until the next change or a
 * reload; the feed itself is in the database.
 */
export const FEED_CHANGED_SIGNAL = 'signals.notifications.feed_changed';

export interface FeedChangedSignal {
  staffId: string;
  unread: number;
  /** Set when the change is a new entry. */
  notification?: {
    id: string;
    type: string;
    title: string;
    body: string;
    link: string | null;
    createdAt: string;
  };
}
