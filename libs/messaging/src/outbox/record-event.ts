import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { EventEnvelope, eventSubject } from '@app/contracts';
import { requestContext } from '@app/runtime';
import { OutboxEvent } from './outbox-event.entity';

/**
 * Records an event in the outbox of the unit of work `em` belongs to. Call it inside the same
 * `em.transactional(...)` as the change the event reports: the event is published only if that
 * transaction commits, and a rollback leaves nothing behind.
 */
export function recordEvent<TData extends object>(em: EntityManager, type: string, data: TData): OutboxEvent {
  const envelope: EventEnvelope<TData> = {
    id: randomUUID(),
    type,
    occurredAt: new Date().toISOString(),
    requestId: requestContext.requestId(),
    data,
  };
  const event = em.create(OutboxEvent, {
    id: envelope.id,
    type,
    subject: eventSubject(type),
    payload: envelope,
    requestId: envelope.requestId,
    createdAt: new Date(envelope.occurredAt),
  });
  em.persist(event);
  return event;
}
