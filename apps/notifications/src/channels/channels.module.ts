import { DynamicModule, Module, Provider } from '@nestjs/common';
import { ChannelsEnv } from './channels.config';
import { TelegramController } from './telegram/telegram.controller';
import { TelegramChannel } from './telegram/telegram.channel';
import { telegramBotProvider } from './telegram/telegram-bot.provider';
import { TelegramLinksRepository } from './telegram/telegram-links.repository';
import { TelegramLinksService } from './telegram/telegram-links.service';
import { TelegramUpdatesPoller } from './telegram/telegram-updates.poller';
import { WebhookChannel } from './webhooks/webhook.channel';
import { WebhookEndpointsRepository } from './webhooks/webhook-endpoints.repository';
import { WebhookEndpointsService } from './webhooks/webhook-endpoints.service';
import { webhookResolverProvider } from './webhooks/webhook-resolver.provider';
import { WebhooksController } from './webhooks/webhooks.controller';

/**
 * The Telegram and webhook channels: the staff's chat links (codes, the bot's updates), the admins'
 * webhook endpoints, and the two DeliveryChannels the delivery workers send through.
 */
@Module({})
export class ChannelsModule {
  /** `alerts` provides WEBHOOK_ALERTS: how admins learn that an endpoint was disabled. */
  static register(config: ChannelsEnv, alerts: Provider): DynamicModule {
    return {
      module: ChannelsModule,
      controllers: [TelegramController, WebhooksController],
      providers: [
        { provide: ChannelsEnv, useValue: config },
        telegramBotProvider,
        TelegramLinksRepository,
        TelegramLinksService,
        TelegramUpdatesPoller,
        TelegramChannel,
        webhookResolverProvider,
        WebhookEndpointsRepository,
        WebhookEndpointsService,
        WebhookChannel,
        alerts,
      ],
      exports: [TelegramChannel, WebhookChannel, TelegramLinksRepository, WebhookEndpointsRepository],
    };
  }
}
