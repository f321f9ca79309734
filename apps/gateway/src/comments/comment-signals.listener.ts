import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JSONCodec } from 'nats';
import {
  COMMENT_QUEUES_CHANGED_SIGNAL,
  CommentListReply,
  COMMENTS_CHANGED_SIGNAL,
  CommentsChangedSignal,
} from '@app/contracts';
import { NatsLink } from '@app/messaging';
import { CommentCountCache } from './comment-count.cache';
import { CommentPageCache } from './comment-page.cache';
import { ModerationLiveHub } from './moderation-live.hub';

const codec = JSONCodec<CommentsChangedSignal>();
/** A signal naming more articles than this is taken as "everything changed", cheaper than going through them. */
const MAX_ARTICLES_PER_SIGNAL = 10000;

/**
 * Hears the comments service's change signals (every gateway copy, no queue group) and drops the
 * cached pages and counts of the articles they name. Both kinds of signal may move comments between
 * moderation queues, so both tell the moderators' live counts to recount.
 */
@Injectable()
export class CommentSignalsListener implements OnApplicationBootstrap {
  private readonly logger = new Logger('CommentSignals');

  constructor(
    private readonly nats: NatsLink,
    private readonly pages: CommentPageCache<CommentListReply>,
    private readonly counts: CommentCountCache,
    private readonly live: ModerationLiveHub,
  ) {}

  onApplicationBootstrap(): void {
    // Ends with the connection, which NatsLink drains at shutdown.
    this.nats.nc.subscribe(this.nats.namespace.subject(COMMENTS_CHANGED_SIGNAL), {
      callback: (error, message) => {
        if (error) return this.logger.warn(`signal subscription: ${error.message}`);
        try {
          this.apply(codec.decode(message.data));
        } catch {
          this.logger.warn('ignored a malformed comments signal');
        }
      },
    });
    this.nats.nc.subscribe(this.nats.namespace.subject(COMMENT_QUEUES_CHANGED_SIGNAL), {
      callback: (error) => {
        if (error) return this.logger.warn(`queues signal subscription: ${error.message}`);
        this.live.changed();
      },
    });
  }

  apply(signal: CommentsChangedSignal): void {
    const articleIds = signal?.articleIds;
    if (!Array.isArray(articleIds)) return;
    this.live.changed();
    if (articleIds.length > MAX_ARTICLES_PER_SIGNAL) {
      this.pages.clear();
      this.counts.clear();
      return;
    }
    for (const articleId of articleIds) {
      if (typeof articleId !== 'string') continue;
      this.pages.invalidate(articleId);
      this.counts.invalidate(articleId);
    }
  }
}
