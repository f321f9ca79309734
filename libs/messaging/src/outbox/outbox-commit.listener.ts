import type { EntityManager, EventArgs, EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import { OutboxEvent } from './outbox-event.entity';

/**
 * Calls `onCommit` with the outbox rows a transaction recorded once it has committed, so the relay
 * publishes them now (see OutboxRelay.handOff) rather than at its next poll. Before the commit the
 * relay could not see the rows; after a rollback there is nothing to publish.
 */
export class OutboxCommitListener implements EventSubscriber<OutboxEvent> {
  private readonly recorded = new WeakMap<EntityManager, OutboxEvent[]>();

  constructor(private readonly onCommit: (rows: readonly OutboxEvent[]) => void) {}

  getSubscribedEntities() {
    return [OutboxEvent];
  }

  afterCreate(args: EventArgs<OutboxEvent>): void {
    const rows = this.recorded.get(args.em);
    if (rows) rows.push(args.entity);
    else this.recorded.set(args.em, [args.entity]);
  }

  afterTransactionCommit(args: TransactionEventArgs): void {
    const rows = this.recorded.get(args.em);
    if (!rows) return;
    this.recorded.delete(args.em);
    this.onCommit(rows);
  }

  afterTransactionRollback(args: TransactionEventArgs): void {
    this.recorded.delete(args.em);
  }
}
