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
import { CommentsController } from './comments.controller';
import { CommentSignals } from './comment.signals';
import { ModerationService } from './moderation/moderation.service';
import { CommentPostingService } from './posting/comment-posting.service';
import { ReaderActionsService } from './reader-actions/reader-actions.service';
import { CommentReadingService } from './reading/comment-reading.service';
import { SiteSettingsStore } from './settings/site-settings.store';

export const COMMENTS_SCHEMA = 'comments';

/**
 * The comments service: readers' threads, counts, posts, likes and flags; the newsroom's queues,
 * decisions, bans, settings and erasure. Its events leave through the outbox.
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
      controllers: [CommentsController],
      providers: [
        { provide: CommentsEnv, useValue: config },
        SiteSettingsStore,
        CommentSignals,
        CommentReadingService,
        CommentPostingService,
        ReaderActionsService,
        ModerationService,
      ],
    };
  }
}
