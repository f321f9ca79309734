/** An event as it was recorded: the envelope of the outbox and the stream. */
export interface RecordedEvent {
  readonly id: string;
  readonly type: string;
  readonly version: number;
  readonly occurredAt: string;
  readonly data: unknown;
}

/**
 * Fields of an event's data that never leave the suite: a reader's email and name for a reply
 * notice are for that one email, not for an endpoint's receiver.
 */
const WITHHELD: Readonly<Record<string, readonly string[]>> = {
  'comment.published': ['notify'],
};

/**
 * The JSON body posted for an event: Standard Webhooks' `{ type, timestamp, data }`, with the event's
 * id and version beside them so a receiver can tell versions apart and drop an event it saw.
 */
export function webhookPayload(event: RecordedEvent): object {
  const withheld = WITHHELD[event.type] ?? [];
  const data =
    typeof event.data === 'object' && event.data !== null
      ? Object.fromEntries(Object.entries(event.data).filter(([key]) => !withheld.includes(key)))
      : event.data;
  return { type: event.type, version: event.version, eventId: event.id, timestamp: event.occurredAt, data };
}
