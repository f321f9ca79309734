import type { EntityManager, EventArgs, EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import { Delivery, Notification } from '../entities';

export interface Committed {
  notifications: Notification[];
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
    const committed = this.pending.get(args.em) ?? { notifications: [], deliveries: 0 };
    if (args.entity instanceof Notification) committed.notifications.push(args.entity);
    else committed.deliveries += 1;
    this.pending.set(args.em, committed);
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
