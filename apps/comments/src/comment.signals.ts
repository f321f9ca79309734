import { Injectable } from '@nestjs/common';
import { JSONCodec } from 'nats';
import { COMMENTS_CHANGED_SIGNAL, CommentsChangedSignal } from '@app/contracts';
import { NatsLink } from '@app/messaging';

const codec = JSONCodec<CommentsChangedSignal>();

/**
 * Tells every gateway copy that what readers see of some articles changed, after the change committed.
 * Core NATS: a lost signal costs a stale cached page for at most the gateway's cache TTL, never data.
 */
@Injectable()
export class CommentSignals {
  constructor(private readonly nats: NatsLink) {}

  changed(...articleIds: string[]): void {
    const unique = [...new Set(articleIds)];
    if (unique.length === 0) return;
    try {
      this.nats.nc.publish(
        this.nats.namespace.subject(COMMENTS_CHANGED_SIGNAL),
        codec.encode({ articleIds: unique }),
      );
    } catch {
      // A closed connection during shutdown: caches expire by themselves.
    }
  }
}
