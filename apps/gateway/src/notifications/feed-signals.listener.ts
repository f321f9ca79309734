import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JSONCodec } from 'nats';
import { FEED_CHANGED_SIGNAL, FeedChangedSignal } from '@app/contracts';
import { NatsLink } from '@app/messaging';
import { FeedLiveHub } from './feed-live.hub';

const codec = JSONCodec<FeedChangedSignal>();

/** Hears the notifications service's feed signals (every gateway copy, no queue group). */
@Injectable()
export class FeedSignalsListener implements OnApplicationBootstrap {
  private readonly logger = new Logger('FeedSignals');

  constructor(
    private readonly nats: NatsLink,
    private readonly hub: FeedLiveHub,
  ) {}

  onApplicationBootstrap(): void {
    // Ends with the connection, which NatsLink drains at shutdown.
    this.nats.nc.subscribe(this.nats.namespace.subject(FEED_CHANGED_SIGNAL), {
      callback: (error, message) => {
        if (error) return this.logger.warn(`signal subscription: ${error.message}`);
        try {
          const signal = codec.decode(message.data);
          if (typeof signal?.staffId === 'string' && typeof signal.unread === 'number')
            this.hub.changed(signal);
        } catch {
          this.logger.warn('ignored a malformed feed signal');
        }
      },
    });
  }
}
