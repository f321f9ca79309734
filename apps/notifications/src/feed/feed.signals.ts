import { Injectable } from '@nestjs/common';
import { JSONCodec } from 'nats';
import { FEED_CHANGED_SIGNAL, FeedChangedSignal } from '@app/contracts';
import { NatsLink } from '@app/messaging';

const codec = JSONCodec<FeedChangedSignal>();

/**
 * Tells every gateway copy that a staff member's feed changed, after the change committed, so their open
 * streams get the new entry and unread count. Core NATS: a lost signal only delays the count.
 */
@Injectable()
export class FeedSignals {
  constructor(private readonly nats: NatsLink) {}

  changed(signal: FeedChangedSignal): void {
    try {
      this.nats.nc.publish(this.nats.namespace.subject(FEED_CHANGED_SIGNAL), codec.encode(signal));
    } catch {
      // A closed connection during shutdown: the feed itself is in the database.
    }
  }
}
