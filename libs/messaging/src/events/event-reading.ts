import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { EventClass, EventEnvelope, eventTypeOf, isUuid, toFieldErrors } from '@app/contracts';

/** An event a consumer may hand to its handler, or why it may not (the reason a dead letter keeps). */
export type EventReading<T extends object = object> =
  { ok: true; event: T; envelope: EventEnvelope } | { ok: false; reason: string };

/**
 * Reads a message body as an envelope: an object with a UUID `id` and a `type`. A `version` that is
 * absent is 1: events recorded before events were versioned had version 1's shape.
 */
export function parseEnvelope(body: unknown): EventEnvelope | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const candidate = body as Partial<EventEnvelope>;
  if (typeof candidate.id !== 'string' || !isUuid(candidate.id)) return undefined;
  if (typeof candidate.type !== 'string' || candidate.type.length === 0) return undefined;
  const version = candidate.version ?? 1;
  if (!Number.isInteger(version) || version < 1) return undefined;
  return { ...(candidate as EventEnvelope), version };
}

/**
 * Finds the class among `classes` for the envelope's type and version and validates `data` against
 * it. Fields the class does not know are dropped (a publisher a release ahead may add some), so the
 * handler sees only what the class declares.
 */
export async function readEvent(
  envelope: EventEnvelope,
  classes: readonly EventClass[],
): Promise<EventReading> {
  const sameType = classes.filter((eventClass) => eventTypeOf(eventClass).type === envelope.type);
  if (sameType.length === 0) return { ok: false, reason: `this consumer takes no "${envelope.type}" events` };
  const eventClass = sameType.find((candidate) => eventTypeOf(candidate).version === envelope.version);
  if (!eventClass) {
    const known = sameType.map((candidate) => eventTypeOf(candidate).version).join(', ');
    return {
      ok: false,
      reason: `${envelope.type} version ${envelope.version} is unknown to this consumer (it knows ${known})`,
    };
  }
  if (typeof envelope.data !== 'object' || envelope.data === null || Array.isArray(envelope.data)) {
    return { ok: false, reason: `${envelope.type} v${envelope.version}: data is not an object` };
  }
  const event = plainToInstance(eventClass, envelope.data);
  const errors = await validate(event, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) {
    const fields = toFieldErrors(errors).map(({ field, message }) => `${field}: ${message}`);
    return { ok: false, reason: `${envelope.type} v${envelope.version} is not valid: ${fields.join('; ')}` };
  }
  return { ok: true, event, envelope };
}
