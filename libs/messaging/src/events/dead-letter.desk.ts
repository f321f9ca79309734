import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import {
  Caller,
  ConflictError,
  DeadLetterPage,
  DeadLetterRedriveReply,
  decodePageCursor,
  encodePageCursor,
  ForbiddenError,
  hasRole,
  NotFoundError,
  PAGE_LIMIT_DEFAULT,
  PageQuery,
  RuleViolationError,
  ServiceName,
} from '@app/contracts';
import { errorSummary } from '@app/persistence';
import { SERVICE_NAME } from '../health-ping.controller';
import { EventConsumers } from './event-consumers';
import { EventRefusedError } from './event.consumer';
import { listDeadLetters, noteRedriveFailure, takeDeadLetter } from './dead-letter.repository';

/** The service checks the role itself: the gateway does too, but a service does not trust the network. */
function requireAdmin(caller: Caller): void {
  if (!hasRole(caller.roles, 'admin')) throw new ForbiddenError('Only admins handle dead letters.');
}

class UnknownConsumer extends Error {}

/** What an operator does with a service's dead letters: page through them and re-drive one. */
@Injectable()
export class DeadLetterDesk {
  constructor(
    private readonly orm: MikroORM,
    private readonly consumers: EventConsumers,
    @Inject(SERVICE_NAME) private readonly service: ServiceName,
  ) {}

  async list(caller: Caller, query: PageQuery): Promise<DeadLetterPage> {
    requireAdmin(caller);
    const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
    const after = query.cursor ? decodePageCursor(query.cursor) : undefined;
    const rows = await listDeadLetters(this.orm.em.fork(), limit + 1, after);
    const items = rows.slice(0, limit).map((row) => ({
      id: row.id,
      service: this.service,
      consumer: row.consumer,
      eventId: row.eventId,
      type: row.type,
      error: row.error,
      deliveries: row.deliveries,
      failedAt: row.failedAt,
    }));
    const last = items.at(-1);
    const nextCursor =
      rows.length > limit && last ? encodePageCursor({ createdAt: last.failedAt, id: last.id }) : null;
    return { items, nextCursor };
  }

  /**
   * Takes the dead letter, runs its consumer's handler on it and commits both together: on success the
   * dead letter is gone; on failure it stays (the transaction rolls back) with the new error.
   */
  async redrive(caller: Caller, id: string): Promise<DeadLetterRedriveReply> {
    requireAdmin(caller);
    let found = false;
    try {
      const outcome = await this.orm.em.fork().transactional(async (em) => {
        const letter = await takeDeadLetter(em, id);
        if (!letter) return undefined;
        found = true;
        const consumer = this.consumers.find(letter.consumer);
        if (!consumer) throw new UnknownConsumer(letter.consumer);
        return consumer.handleStored(em, letter.payload);
      });
      if (!outcome) throw new NotFoundError('The dead letter');
      return { id, outcome };
    } catch (error) {
      if (!found) throw error;
      if (error instanceof UnknownConsumer) {
        throw new ConflictError(
          'consumer_unknown',
          `No consumer "${error.message}" runs in the ${this.service} service any more.`,
        );
      }
      // As the consumer records failures: a database error by its names, never its message.
      const reason = errorSummary(error);
      // The answer says why in any case; the stored reason is for the next look at the list.
      await noteRedriveFailure(this.orm.em.fork(), id, reason).catch(() => undefined);
      if (error instanceof EventRefusedError) {
        throw new RuleViolationError('event_invalid', `The event cannot be handled: ${reason}`);
      }
      throw new ConflictError('redrive_failed', `The handler failed again: ${reason}`);
    }
  }
}
