import { DynamicModule, Module } from '@nestjs/common';
import { NatsRpcClient } from '@app/messaging';
import type { GatewayEnv } from '../gateway.config';
import { CommentPageCache } from './comment-page.cache';
import { CommentCountCache } from './comment-count.cache';
import { CommentPostForwarder } from './comment-post.forwarder';
import { CommentReadsFastPath } from './comment-reads.fast-path';
import { CommentPostFastPath } from './comment-post.fast-path';
import { CommentModerationController } from './comment-moderation.controller';
import { CommentSignalsListener } from './comment-signals.listener';
import { CommentsController } from './comments.controller';
import { CommentsGateway } from './comments.gateway';
import { ModerationLiveHub } from './moderation-live.hub';
import { ModerationLiveSettings } from './moderation-live.settings';

/** The comments routes of the gateway, with the caches of articles' public first pages and counts. */
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
        {
          provide: CommentCountCache,
          useValue: new CommentCountCache(env.COMMENTS_CACHE_TTL_MS, env.COMMENTS_CACHE_MAX_ARTICLES),
        },
        {
          provide: CommentPostForwarder,
          inject: [NatsRpcClient],
          useFactory: (rpc: NatsRpcClient) =>
            new CommentPostForwarder(rpc, {
              maxSize: env.COMMENT_POST_FORWARD_BATCH_MAX,
              maxDelayMs: env.COMMENT_POST_FORWARD_DELAY_MS,
              // Batches are only messages on their way: as many as the service can take at once.
              maxInFlight: 64,
            }),
        },
        CommentsGateway,
        {
          provide: ModerationLiveHub,
          useFactory: (comments: CommentsGateway) =>
            new ModerationLiveHub(
              new ModerationLiveSettings(env.COMMENTS_LIVE_INTERVAL_MS, env.COMMENTS_LIVE_MAX_STREAMS),
              comments,
            ),
          inject: [CommentsGateway],
        },
        CommentSignalsListener,
        CommentReadsFastPath,
        CommentPostFastPath,
      ],
    };
  }
}
