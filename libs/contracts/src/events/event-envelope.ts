/**
 * A fact another service may react to. `id` is unique per event and doubles as JetStream's
 * `Nats-Msg-Id`, so a re-published event is dropped by the stream's duplicate window. `type` and
 * `version` name the event class `data` must satisfy (see EventType).
 */
export interface EventEnvelope<TData = unknown> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  /** Request that caused the event, when there was one; carried into the handlers' log lines. */
  requestId?: string;
  data: TData;
}

/** Events travel on `events.<type>` (inside the deployment's NATS namespace); the stream captures `events.>`. */
export const eventSubject = (type: string): string => `events.${type}`;
export const EVENTS_SUBJECT_WILDCARD = 'events.>';
