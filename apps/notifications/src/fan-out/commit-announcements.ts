import { Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { DeliveryWorker } from '../delivery/delivery.worker';
import { FeedService } from '../feed/feed.service';
import { AfterCommitListener, Committed } from './after-commit.listener';

/**
 * Tells the feed's streams and the delivery workers about what a transaction committed: rows the ORM
 * created, and rows a batch wrote with its own statements and noted here.
 */
@Injectable()
export class CommitAnnouncements {
  private readonly listener: AfterCommitListener;

  constructor(orm: MikroORM, feed: FeedService, worker: DeliveryWorker) {
    this.listener = new AfterCommitListener(({ notifications, deliveries }) => {
      if (deliveries > 0) worker.kick();
      if (notifications.length > 0) void feed.announce(notifications).catch(() => undefined);
    });
    orm.em.getEventManager().registerSubscriber(this.listener);
  }

  /** Rows `em`'s transaction wrote itself: announced once, and only if, it commits. */
  note(em: EntityManager, written: Committed): void {
    if (written.notifications.length > 0 || written.deliveries > 0) this.listener.note(em, written);
  }
}
