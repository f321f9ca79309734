import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EventClass, EventEnvelope, eventSubject, eventTypeOf, toFieldErrors } from '@app/contracts';
import { requestContext } from '@app/runtime';
import { OutboxEvent } from './outbox-event.entity';

/**
 * Records `event` (an instance of a class declared with `@EventType`) in the outbox of the unit of
 * work `em` belongs to; its type and version come from its class. Call it inside the same
 * `em.transactional(...)` as the change the event reports: the event is published only if that
 * transaction commits, and a rollback leaves nothing behind. An event that breaks its own contract
 * throws here, failing the change, instead of reaching every consumer's dead letters.
 */
export function recordEvent(em: EntityManager, event: object): OutboxEvent {
  const { type, version } = eventTypeOf(event);
  // Plain data, as it travels; checked the way a consumer will read it (nested classes included).
  const data = JSON.parse(JSON.stringify(event)) as object;
  const errors = validateSync(plainToInstance(event.constructor as EventClass, data), {
    forbidUnknownValues: true,
  });
  if (errors.length > 0) {
    const fields = toFieldErrors(errors).map(({ field, message }) => `${field}: ${message}`);
    throw new Error(`${type} v${version} does not satisfy its contract: ${fields.join('; ')}`);
  }
  const envelope: EventEnvelope = {
    id: randomUUID(),
    type,
    version,
    occurredAt: new Date().toISOString(),
    requestId: requestContext.requestId(),
    data,
  };
  const row = em.create(OutboxEvent, {
    id: envelope.id,
    type,
    subject: eventSubject(type),
    payload: envelope,
    requestId: envelope.requestId,
    createdAt: new Date(envelope.occurredAt),
  });
  em.persist(row);
  return row;
}
