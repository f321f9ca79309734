import { Module } from '@nestjs/common';
import { TelegramLinkController } from './telegram-link.controller';
import { WebhooksAdminController } from './webhooks-admin.controller';

/** The gateway's routes for the notification channels: admins' webhooks and staff's Telegram link. */
@Module({ controllers: [WebhooksAdminController, TelegramLinkController] })
export class NotificationChannelsGatewayModule {}
