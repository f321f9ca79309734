import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule } from '@app/persistence';
import { ServiceMessagingModule } from '@app/messaging';
import { CommentsEnv } from './comments.config';

export const COMMENTS_SCHEMA = 'comments';

/** The comments service. Its features arrive with their own issue; today it starts and answers health. */
@Module({})
export class CommentsModule {
  static register(config: CommentsEnv, databaseUrl: string): DynamicModule {
    return {
      module: CommentsModule,
      imports: [
        DatabaseModule.forService({
          schema: COMMENTS_SCHEMA,
          clientUrl: databaseUrl,
          entities: [],
          migrations: [],
          poolMax: config.DATABASE_POOL_MAX,
        }),
        ServiceMessagingModule.forService('comments', config),
      ],
    };
  }
}
