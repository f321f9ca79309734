import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule } from '@app/persistence';
import {
  EventsModule,
  EventsModuleOptions,
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  ServiceMessagingModule,
} from '@app/messaging';
import { NotificationsEnv } from './notifications.config';
import { NOTIFICATIONS_ENTITIES } from './entities';
import { NOTIFICATIONS_MIGRATIONS } from './migrations';
import { ChannelsModule } from './channels/channels.module';
import { CHANNELS_ENTITIES } from './channels/entities';
import { CHANNELS_MIGRATIONS } from './channels/migrations';

export const NOTIFICATIONS_SCHEMA = 'notifications';

/**
 * The notifications service. Its features arrive with their own work; today it starts, migrates its schema
 * (the outbox, inbox and dead letters every service carries), answers health and relays its outbox.
 */
@Module({})
export class NotificationsModule {
  static register(
    config: NotificationsEnv,
    databaseUrl: string,
    events?: Partial<EventsModuleOptions>,
  ): DynamicModule {
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
        ChannelsModule.register(config),
      ],
    };
  }
}
