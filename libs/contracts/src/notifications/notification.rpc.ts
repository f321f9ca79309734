import { reply, rpcOperation } from '../rpc/rpc-operation';
import {
  ListDeliveriesRequest,
  ListNotificationsRequest,
  MarkReadRequest,
  NotificationsCallerRequest,
  RetryDeliveryRequest,
  UnsubscribeRequest,
  UpdatePreferencesRequest,
} from './notification.commands';
import type {
  DeliveryPage,
  DeliveryView,
  MarkReadReply,
  NotificationPage,
  NotificationPreferencesReply,
  UnreadCountReply,
  UnsubscribeReply,
} from './notification.model';

/** The notifications service's operations. It checks roles itself: the request's caller is all it trusts. */
export const NotificationsRpc = {
  feed: rpcOperation(
    'notifications.feed.list',
    ListNotificationsRequest,
    reply<NotificationPage>('NotificationPage'),
  ),
  unreadCount: rpcOperation(
    'notifications.feed.unread_count',
    NotificationsCallerRequest,
    reply<UnreadCountReply>('UnreadCountReply'),
  ),
  markRead: rpcOperation(
    'notifications.feed.mark_read',
    MarkReadRequest,
    reply<MarkReadReply>('MarkReadReply'),
  ),
  preferences: rpcOperation(
    'notifications.preferences.get',
    NotificationsCallerRequest,
    reply<NotificationPreferencesReply>('NotificationPreferencesReply'),
  ),
  updatePreferences: rpcOperation(
    'notifications.preferences.update',
    UpdatePreferencesRequest,
    reply<NotificationPreferencesReply>('NotificationPreferencesReply'),
  ),
  deliveries: rpcOperation(
    'notifications.delivery.list',
    ListDeliveriesRequest,
    reply<DeliveryPage>('DeliveryPage'),
  ),
  retryDelivery: rpcOperation(
    'notifications.delivery.retry',
    RetryDeliveryRequest,
    reply<DeliveryView>('DeliveryView'),
  ),
  unsubscribe: rpcOperation(
    'notifications.unsubscribe.apply',
    UnsubscribeRequest,
    reply<UnsubscribeReply>('UnsubscribeReply'),
  ),
} as const;
