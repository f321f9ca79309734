import { DynamicModule, Module } from '@nestjs/common';
import type { GatewayEnv } from '../gateway.config';
import { CommentPageCache } from './comment-page.cache';
import { CommentListFastPath } from './comment-list.fast-path';
import { CommentModerationController } from './comment-moderation.controller';
import { CommentSignalsListener } from './comment-signals.listener';
import { CommentsController } from './comments.controller';
import { CommentsGateway } from './comments.gateway';

/** The comments routes of the gateway, with the cache of every article's public first page. */
@Module({})
export class CommentsGatewayModule {
  static register(env: GatewayEnv): DynamicModule {
    return {
      module: CommentsGatewayModule,
      controllers: [CommentsController, CommentModerationController],
      providers: [
        {
          provide: CommentPageCache,
          useValue: new CommentPageCache(env.COMMENTS_CACHE_TTL_MS, env.COMMENTS_CACHE_MAX_ARTICLES),
        },
        CommentsGateway,
        CommentSignalsListener,
        CommentListFastPath,
      ],
    };
  }
}
