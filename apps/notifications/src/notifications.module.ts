import { randomBytes } from 'node:crypto';
import { DynamicModule, Logger, Module } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DatabaseModule } from '@app/persistence';
import {
  EventsModule,
  EventsModuleOptions,
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  NatsLink,
  NatsRpcClient,
  ServiceMessagingModule,
} from '@app/messaging';
import { NotificationsEnv } from './notifications.config';
import { NOTIFICATIONS_ENTITIES } from './entities';
import { NOTIFICATIONS_MIGRATIONS } from './migrations';
import { NotificationsController } from './notifications.controller';
import { DeliveriesAdminService } from './admin/deliveries-admin.service';
import { ChannelRegistry, DELIVERY_CHANNELS } from './channels/channel-registry';
import { configuredChannels } from './channels/configured-channels';
import { CommentsConsumer } from './consumers/comments.consumer';
import { PollsConsumer } from './consumers/polls.consumer';
import { StaffConsumer } from './consumers/staff.consumer';
import { SubmissionsConsumer } from './consumers/submissions.consumer';
import { DeliveryRepository } from './delivery/delivery.repository';
import { DeliverySettings } from './delivery/delivery-settings';
import { DeliveryWorker } from './delivery/delivery.worker';
import { DigestWorker } from './delivery/digest.worker';
import { MessageComposer } from './delivery/message-composer';
import { UnsubscribeTokens } from './domain/unsubscribe-token';
import { CommitAnnouncements } from './fan-out/commit-announcements';
import { FanOutConsumers } from './fan-out/fan-out.consumers';
import { NoticeRecorder } from './fan-out/notice-recorder';
import { NoticeSettings } from './fan-out/notice-settings';
import { ReaderReplies } from './fan-out/reader-replies';
import { FeedService } from './feed/feed.service';
import { FeedSignals } from './feed/feed.signals';
import { PreferencesService } from './preferences/preferences.service';
import { TemplateStore } from './templates/template-store';
import { UnsubscribeService } from './unsubscribe/unsubscribe.service';
import { ChannelsModule } from './channels/channels.module';
import { TelegramChannel } from './channels/telegram/telegram.channel';
import { WEBHOOK_ALERTS } from './channels/webhooks/webhook-alerts';
import { WebhookChannel } from './channels/webhooks/webhook.channel';
import { WebhooksConsumer } from './consumers/webhooks.consumer';
import { InAppWebhookAlerts } from './fan-out/webhook-alerts.in-app';
import { CHANNELS_ENTITIES } from './channels/entities';
import { CHANNELS_MIGRATIONS } from './channels/migrations';

export const NOTIFICATIONS_SCHEMA = 'notifications';

/** How long the service waits for the reporter's answer about a submitter before trying later. */
const REPORTER_TIMEOUT_MS = 5000;

function unsubscribeTokens(config: NotificationsEnv): UnsubscribeTokens {
  if (config.UNSUBSCRIBE_SECRET) return new UnsubscribeTokens(config.UNSUBSCRIBE_SECRET);
  new Logger('Notifications').warn(
    'UNSUBSCRIBE_SECRET is not set: a random key is used, and unsubscribe links stop working at the next start',
  );
  return new UnsubscribeTokens(randomBytes(32).toString('base64'));
}

/**
 * The notifications service: keeps the staff directory, turns the suite's events into in-app entries,
 * deliveries and digests, sends them through its channels with retries, and answers the feed,
 * preferences, unsubscribe and admin deliveries operations.
 */
@Module({})
export class NotificationsModule {
  static register(
    config: NotificationsEnv,
    databaseUrl: string,
    events?: Partial<EventsModuleOptions>,
  ): DynamicModule {
    const retry = (maxAttempts: number) => ({
      baseMs: config.DELIVERY_RETRY_BASE_MS,
      maxMs: config.DELIVERY_RETRY_MAX_MS,
      maxAttempts,
    });
    const templates = new TemplateStore();
    return {
      module: NotificationsModule,
      imports: [
        DatabaseModule.forService({
          schema: NOTIFICATIONS_SCHEMA,
          clientUrl: databaseUrl,
          entities: [...MESSAGING_ENTITIES, ...NOTIFICATIONS_ENTITIES, ...CHANNELS_ENTITIES],
          migrations: [...MESSAGING_MIGRATIONS, ...NOTIFICATIONS_MIGRATIONS, ...CHANNELS_MIGRATIONS],
          poolMax: config.DATABASE_POOL_MAX,
        }),
        ServiceMessagingModule.forService('notifications', config),
        EventsModule.forService('notifications', config, events),
        ChannelsModule.register(config, {
          provide: WEBHOOK_ALERTS,
          inject: [EntityManager],
          useFactory: (em: EntityManager) => new InAppWebhookAlerts(em, templates),
        }),
      ],
      controllers: [NotificationsController],
      providers: [
        { provide: NotificationsEnv, useValue: config },
        { provide: TemplateStore, useValue: templates },
        { provide: UnsubscribeTokens, useValue: unsubscribeTokens(config) },
        {
          provide: NoticeSettings,
          useValue: new NoticeSettings(
            config.DIGEST_WINDOW_MINUTES,
            config.PUBLIC_BASE_URL.replace(/\/+$/, ''),
          ),
        },
        {
          provide: DeliverySettings,
          useValue: new DeliverySettings(
            {
              email: retry(config.EMAIL_MAX_ATTEMPTS),
              telegram: retry(config.TELEGRAM_MAX_ATTEMPTS),
              webhook: retry(config.WEBHOOK_MAX_ATTEMPTS),
            },
            config.DELIVERY_LEASE_MS,
            config.DELIVERY_CONCURRENCY,
            config.DELIVERY_POLL_MS,
            config.DELIVERY_SEND_TIMEOUT_MS,
          ),
        },
        {
          provide: DELIVERY_CHANNELS,
          inject: [TelegramChannel, WebhookChannel],
          useFactory: (telegram: TelegramChannel, webhook: WebhookChannel) => [
            ...configuredChannels(config),
            // Telegram only with a bot; webhooks always (an endpoint is what configures them).
            ...(config.TELEGRAM_BOT_TOKEN ? [telegram] : []),
            webhook,
          ],
        },
        {
          provide: NatsRpcClient,
          inject: [NatsLink],
          useFactory: (link: NatsLink) =>
            new NatsRpcClient(link.nc, REPORTER_TIMEOUT_MS, undefined, link.namespace),
        },
        ChannelRegistry,
        NoticeRecorder,
        ReaderReplies,
        StaffConsumer,
        CommentsConsumer,
        PollsConsumer,
        SubmissionsConsumer,
        WebhooksConsumer,
        DeliveryRepository,
        MessageComposer,
        DeliveryWorker,
        DigestWorker,
        FeedSignals,
        FeedService,
        PreferencesService,
        DeliveriesAdminService,
        UnsubscribeService,
        CommitAnnouncements,
        FanOutConsumers,
      ],
    };
  }
}
