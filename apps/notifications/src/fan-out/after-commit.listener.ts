import type { EntityManager, EventArgs, EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import { Delivery, Notification } from '../entities';
import type { NewFeedEntry } from './fan-out-batch';

export interface Committed {
  notifications: NewFeedEntry[];
  deliveries: number;
}

/**
 * Tells the feed's listeners and the delivery workers what a transaction created, once it committed:
 * before the commit nobody could read it, and after a rollback there is nothing to tell.
 */
export class AfterCommitListener implements EventSubscriber<Notification | Delivery> {
  private readonly pending = new WeakMap<EntityManager, Committed>();

  constructor(private readonly onCommit: (committed: Committed) => void) {}

  getSubscribedEntities() {
    return [Notification, Delivery];
  }

  afterCreate(args: EventArgs<Notification | Delivery>): void {
    if (args.entity instanceof Notification)
      this.note(args.em, { notifications: [args.entity], deliveries: 0 });
    else this.note(args.em, { notifications: [], deliveries: 1 });
  }

  /**
   * Rows `em`'s transaction wrote with its own statements (the ORM saw nothing of them), to be told
   * of once it commits.
   */
  note(em: EntityManager, written: Committed): void {
    const committed = this.pending.get(em) ?? { notifications: [], deliveries: 0 };
    committed.notifications.push(...written.notifications);
    committed.deliveries += written.deliveries;
    this.pending.set(em, committed);
  }

  afterTransactionCommit(args: TransactionEventArgs): void {
    const committed = this.pending.get(args.em);
    if (!committed) return;
    this.pending.delete(args.em);
    this.onCommit(committed);
  }

  afterTransactionRollback(args: TransactionEventArgs): void {
    this.pending.delete(args.em);
  }
}
