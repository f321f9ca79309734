/** What a staff member may choose channels for, one preference row each. */
export const STAFF_NOTICE_TYPES = [
  'comment.held',
  'comment.flagged',
  'submission.received',
  'submission.message_received',
  'poll.closed',
] as const;
export type StaffNoticeType = (typeof STAFF_NOTICE_TYPES)[number];

/** Ways a delivery leaves the service (in-app notices are rows of the feed, never deliveries). */
export const DELIVERY_CHANNEL_NAMES = ['email', 'telegram', 'webhook'] as const;
export type DeliveryChannelName = (typeof DELIVERY_CHANNEL_NAMES)[number];

/** `cancelled`: nothing to send any more (the reader unsubscribed, the submitter left no email). */
export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One entry of a staff member's in-app feed. */
export interface NotificationView {
  id: string;
  type: string;
  title: string;
  body: string;
  /** Where the console opens it (a queue or a record), relative to the console; null when nowhere. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationView[];
  nextCursor: string | null;
}

export interface UnreadCountReply {
  unread: number;
}

export interface MarkReadReply {
  /** Entries this call marked (already read ones are not counted again). */
  marked: number;
  unread: number;
}

export interface NotificationPreferenceView {
  type: StaffNoticeType;
  inApp: boolean;
  email: boolean;
  telegram: boolean;
}

export interface NotificationPreferencesReply {
  items: NotificationPreferenceView[];
}

export interface DeliveryAttemptView {
  at: string;
  outcome: 'sent' | 'retry' | 'failed' | 'unreachable' | 'cancelled';
  /** What the far side answered (an SMTP reply, an HTTP status), without addresses. */
  detail: string;
}

/** A delivery as an admin sees it: whom by kind and id, never the address itself. */
export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  channel: DeliveryChannelName;
  /** `staff:<id>`, `reader:<hash prefix>`, `webhook:<id>`. */
  recipient: string;
  status: DeliveryStatus;
  attempts: DeliveryAttemptView[];
  nextAttemptAt: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface DeliveryPage {
  items: DeliveryView[];
  nextCursor: string | null;
}

export interface UnsubscribeReply {
  unsubscribed: true;
}
