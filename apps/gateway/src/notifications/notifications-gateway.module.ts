import { DynamicModule, Module } from '@nestjs/common';
import type { GatewayEnv } from '../gateway.config';
import { DeliveriesAdminController } from './deliveries-admin.controller';
import { FeedLiveHub, FeedLiveSettings } from './feed-live.hub';
import { FeedSignalsListener } from './feed-signals.listener';
import { MyNotificationsController } from './notifications.controller';
import { UnsubscribeController } from './unsubscribe.controller';

/** The notifications routes: a staff member's feed and its stream, preferences, unsubscribe, deliveries. */
@Module({})
export class NotificationsGatewayModule {
  static register(env: GatewayEnv): DynamicModule {
    return {
      module: NotificationsGatewayModule,
      controllers: [MyNotificationsController, UnsubscribeController, DeliveriesAdminController],
      providers: [
        { provide: FeedLiveSettings, useValue: new FeedLiveSettings(env.NOTIFICATION_LIVE_MAX_STREAMS) },
        FeedLiveHub,
        FeedSignalsListener,
      ],
    };
  }
}
