import { Injectable } from '@nestjs/common';
import { JSONCodec } from 'nats';
import {
  COMMENT_QUEUES_CHANGED_SIGNAL,
  COMMENTS_CHANGED_SIGNAL,
  CommentsChangedSignal,
} from '@app/contracts';
import { NatsLink } from '@app/messaging';

const codec = JSONCodec<CommentsChangedSignal>();

/** Articles named by one signal at most, keeping it far below NATS's payload limit. */
const ARTICLES_PER_SIGNAL = 1000;

/**
 * Tells every gateway copy that what readers see of some articles changed, after the change committed.
 * Core NATS: a lost signal costs a stale cached page for at most the gateway's cache TTL, never data.
 * Changes told within one turn of the event loop (a batch of posts answered together) go out as one
 * signal naming every article they touched.
 */
@Injectable()
export class CommentSignals {
  private readonly pending = new Set<string>();
  private queuesPending = false;
  private scheduled = false;

  constructor(private readonly nats: NatsLink) {}

  changed(...articleIds: string[]): void {
    if (articleIds.length === 0) return;
    articleIds.forEach((articleId) => this.pending.add(articleId));
    this.schedule();
  }

  /** A moderation queue may have grown though readers see nothing new (a held comment, a flag). */
  queuesChanged(): void {
    this.queuesPending = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.send());
  }

  private send(): void {
    const articleIds = [...this.pending];
    const queues = this.queuesPending;
    this.pending.clear();
    this.queuesPending = false;
    this.scheduled = false;
    try {
      if (queues) this.nats.nc.publish(this.nats.namespace.subject(COMMENT_QUEUES_CHANGED_SIGNAL));
      for (let start = 0; start < articleIds.length; start += ARTICLES_PER_SIGNAL) {
        this.nats.nc.publish(
          this.nats.namespace.subject(COMMENTS_CHANGED_SIGNAL),
          codec.encode({ articleIds: articleIds.slice(start, start + ARTICLES_PER_SIGNAL) }),
        );
      }
    } catch {
      // A closed connection during shutdown: caches expire by themselves.
    }
  }
}
