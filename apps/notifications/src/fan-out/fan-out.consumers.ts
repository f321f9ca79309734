import { Injectable } from '@nestjs/common';
import type { EventClass } from '@app/contracts';
import { EventConsumers, EventMeta } from '@app/messaging';
import { NotificationsEnv } from '../notifications.config';
import { CommitAnnouncements } from './commit-announcements';
import { FanOutBatch } from './fan-out-batch';
import { writeFanOut } from './fan-out.repository';

export interface FanOutSubscription<TClasses extends readonly EventClass[]> {
  durable: string;
  events: TClasses;
}

/** Turns one event into rows of its batch; reads go through `batch.em`. */
export type FanOutHandler<T> = (event: T, batch: FanOutBatch, meta: EventMeta) => Promise<void>;

/**
 * Registers the consumers that turn events into feed entries and deliveries as batch consumers: the
 * events that arrived together are handled one after the other into one set of rows, written with
 * one statement per table in one transaction, and announced once it commits.
 */
@Injectable()
export class FanOutConsumers {
  constructor(
    private readonly consumers: EventConsumers,
    private readonly announcements: CommitAnnouncements,
    private readonly config: NotificationsEnv,
  ) {}

  register<TClasses extends readonly EventClass[]>(
    subscription: FanOutSubscription<TClasses>,
    handle: FanOutHandler<InstanceType<TClasses[number]>>,
  ): void {
    this.consumers.registerBatch({
      ...subscription,
      batchSize: this.config.EVENT_BATCH_MAX,
      handleBatch: async (events, em) => {
        const batch = new FanOutBatch(em);
        for (const { event, meta } of events) await handle(event, batch, meta);
        if (batch.empty) return;
        const written = await writeFanOut(em, batch);
        this.announcements.note(em, { notifications: written.feedEntries, deliveries: written.deliveries });
      },
    });
  }
}
