import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule } from '@app/persistence';
import {
  EventsModule,
  EventsModuleOptions,
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  ServiceMessagingModule,
} from '@app/messaging';
import { CommentsEnv } from './comments.config';
import { COMMENTS_ENTITIES } from './entities';
import { COMMENTS_MIGRATIONS } from './migrations';

export const COMMENTS_SCHEMA = 'comments';

/**
 * The comments service. Its features arrive with their own work; today it starts, migrates its schema
 * (the outbox, inbox and dead letters every service carries), answers health and relays its outbox.
 */
@Module({})
export class CommentsModule {
  static register(
    config: CommentsEnv,
    databaseUrl: string,
    events?: Partial<EventsModuleOptions>,
  ): DynamicModule {
    return {
      module: CommentsModule,
      imports: [
        DatabaseModule.forService({
          schema: COMMENTS_SCHEMA,
          clientUrl: databaseUrl,
          entities: [...MESSAGING_ENTITIES, ...COMMENTS_ENTITIES],
          migrations: [...MESSAGING_MIGRATIONS, ...COMMENTS_MIGRATIONS],
          poolMax: config.DATABASE_POOL_MAX,
        }),
        ServiceMessagingModule.forService('comments', config),
        EventsModule.forService('comments', config, events),
      ],
    };
  }
}
