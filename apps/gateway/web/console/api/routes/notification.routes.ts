import { route } from '../route';

/** A staff member's own notifications: the feed, its live stream, their channels and Telegram. */
export const NOTIFICATION_ROUTES = {
  feed: route('GET', '/api/v1/me/notifications'),
  markRead: route('POST', '/api/v1/me/notifications/read'),
  unreadCount: route('GET', '/api/v1/me/notifications/unread-count'),
  stream: route('GET', '/api/v1/me/notifications/stream'),
  preferences: route('GET', '/api/v1/me/notification-preferences'),
  savePreferences: route('PUT', '/api/v1/me/notification-preferences'),
  telegramLinkCode: route('POST', '/api/v1/me/telegram/link-code'),
  telegramUnlink: route('DELETE', '/api/v1/me/telegram'),
} as const;
