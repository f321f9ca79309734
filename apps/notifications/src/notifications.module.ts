import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule } from '@app/persistence';
import { ServiceMessagingModule } from '@app/messaging';
import { NotificationsEnv } from './notifications.config';

export const NOTIFICATIONS_SCHEMA = 'notifications';

/** The notifications service. Its features arrive with their own issue; today it starts and answers health. */
@Module({})
export class NotificationsModule {
  static register(config: NotificationsEnv, databaseUrl: string): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [
        DatabaseModule.forService({
          schema: NOTIFICATIONS_SCHEMA,
          clientUrl: databaseUrl,
          entities: [],
          migrations: [],
          poolMax: config.DATABASE_POOL_MAX,
        }),
        ServiceMessagingModule.forService('notifications', config),
      ],
    };
  }
}
