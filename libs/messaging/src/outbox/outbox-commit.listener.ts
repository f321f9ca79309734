import type { EntityManager, EventArgs, EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import { OutboxEvent } from './outbox-event.entity';

/**
 * Calls `onCommit` once a transaction that recorded an event has committed, so the relay publishes it
 * now rather than at its next poll. Before the commit the relay could not see the row.
 */
export class OutboxCommitListener implements EventSubscriber<OutboxEvent> {
  private readonly recorded = new WeakSet<EntityManager>();

  constructor(private readonly onCommit: () => void) {}

  getSubscribedEntities() {
    return [OutboxEvent];
  }

  afterCreate(args: EventArgs<OutboxEvent>): void {
    this.recorded.add(args.em);
  }

  afterTransactionCommit(args: TransactionEventArgs): void {
    if (this.recorded.delete(args.em)) this.onCommit();
  }

  afterTransactionRollback(args: TransactionEventArgs): void {
    this.recorded.delete(args.em);
  }
}
