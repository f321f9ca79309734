import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JSONCodec } from 'nats';
import { CommentListReply } from '@app/contracts';
import { NatsLink } from '@app/messaging';
import { COMMENTS_CHANGED_SIGNAL, CommentsChangedSignal } from '@app/contracts';
import { CommentPageCache } from './comment-page.cache';

const codec = JSONCodec<CommentsChangedSignal>();
/** More than one erasure touches; a signal naming more is taken as "everything changed". */
const MAX_ARTICLES_PER_SIGNAL = 10000;

/**
 * Hears the comments service's change signals (every gateway copy, no queue group) and drops the
 * cached pages of the articles they name.
 */
@Injectable()
export class CommentSignalsListener implements OnApplicationBootstrap {
  private readonly logger = new Logger('CommentSignals');

  constructor(
    private readonly nats: NatsLink,
    private readonly pages: CommentPageCache<CommentListReply>,
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
  }

  apply(signal: CommentsChangedSignal): void {
    const articleIds = signal?.articleIds;
    if (!Array.isArray(articleIds)) return;
    if (articleIds.length > MAX_ARTICLES_PER_SIGNAL) return this.pages.clear();
    for (const articleId of articleIds) if (typeof articleId === 'string') this.pages.invalidate(articleId);
  }
}
