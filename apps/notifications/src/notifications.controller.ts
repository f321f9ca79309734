import { Controller } from '@nestjs/common';
import {
  DeliveryPage,
  DeliveryView,
  ListDeliveriesRequest,
  ListNotificationsRequest,
  MarkReadReply,
  MarkReadRequest,
  NotificationPage,
  NotificationPreferencesReply,
  NotificationsCallerRequest,
  NotificationsRpc,
  RetryDeliveryRequest,
  UnreadCountReply,
  UnsubscribeReply,
  UnsubscribeRequest,
  UpdatePreferencesRequest,
} from '@app/contracts';
import { HandlesRpc } from '@app/messaging';
import { DeliveriesAdminService } from './admin/deliveries-admin.service';
import { FeedService } from './feed/feed.service';
import { PreferencesService } from './preferences/preferences.service';
import { UnsubscribeService } from './unsubscribe/unsubscribe.service';

@Controller()
export class NotificationsController {
  constructor(
    private readonly feed: FeedService,
    private readonly preferences: PreferencesService,
    private readonly deliveries: DeliveriesAdminService,
    private readonly unsubscribes: UnsubscribeService,
  ) {}

  @HandlesRpc(NotificationsRpc.feed)
  list(request: ListNotificationsRequest): Promise<NotificationPage> {
    return this.feed.list(request.caller, request.query);
  }

  @HandlesRpc(NotificationsRpc.unreadCount)
  unreadCount(request: NotificationsCallerRequest): Promise<UnreadCountReply> {
    return this.feed.unreadCount(request.caller);
  }

  @HandlesRpc(NotificationsRpc.markRead)
  markRead(request: MarkReadRequest): Promise<MarkReadReply> {
    return this.feed.markRead(request.caller, request.read);
  }

  @HandlesRpc(NotificationsRpc.preferences)
  getPreferences(request: NotificationsCallerRequest): Promise<NotificationPreferencesReply> {
    return this.preferences.get(request.caller);
  }

  @HandlesRpc(NotificationsRpc.updatePreferences)
  updatePreferences(request: UpdatePreferencesRequest): Promise<NotificationPreferencesReply> {
    return this.preferences.update(request.caller, request.preferences);
  }

  @HandlesRpc(NotificationsRpc.deliveries)
  listDeliveries(request: ListDeliveriesRequest): Promise<DeliveryPage> {
    return this.deliveries.list(request.caller, request.query);
  }

  @HandlesRpc(NotificationsRpc.retryDelivery)
  retryDelivery(request: RetryDeliveryRequest): Promise<DeliveryView> {
    return this.deliveries.retry(request.caller, request.deliveryId);
  }

  @HandlesRpc(NotificationsRpc.unsubscribe)
  unsubscribe(request: UnsubscribeRequest): Promise<UnsubscribeReply> {
    return this.unsubscribes.unsubscribe(request.token);
  }
}
