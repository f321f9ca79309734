import { Client } from 'pg';
import { eventTypeOf, subscriptionCatalogue } from '@app/contracts';

export interface EventDelivery {
  /** Events recorded in any outbox and not yet published. */
  unpublished: number;
  /** Published events a consumer that takes their type has no inbox entry for. */
  undelivered: number;
  /** Events a consumer parked as dead letters. */
  deadLetters: number;
}

/**
 * Where the suite's events stand, from the database: every outbox against every consumer's inbox. The
 * inbox's key (consumer, event id) keeps an event from being handled twice; this finds the ones not
 * handled at all.
 */
export async function eventDelivery(db: Client): Promise<EventDelivery> {
  const outboxes = (
    await db.query<{ schema: string }>(
      `select table_schema as schema from information_schema.tables where table_name = 'outbox_event'`,
    )
  ).rows.map((row) => row.schema);
  const events = outboxes
    .map((schema) => `select id, type, published_at from "${schema}".outbox_event`)
    .join(' union all ');
  const unpublished = Number(
    (await db.query<{ n: string }>(`select count(*) as n from (${events}) e where published_at is null`))
      .rows[0].n,
  );
  let undelivered = 0;
  let deadLetters = 0;
  for (const subscription of subscriptionCatalogue()) {
    if (!outboxes.includes(subscription.service)) continue;
    const types = subscription.events.map((eventClass) => eventTypeOf(eventClass).type);
    const missing = await db.query<{ n: string }>(
      `select count(*) as n from (${events}) e
        where e.published_at is not null and e.type = any($1)
          and not exists (select 1 from "${subscription.service}".inbox_entry i
                           where i.consumer = $2 and i.event_id = e.id)`,
      [types, subscription.durable],
    );
    undelivered += Number(missing.rows[0].n);
    const parked = await db.query<{ n: string }>(
      `select count(*) as n from "${subscription.service}".dead_letter where consumer = $1`,
      [subscription.durable],
    );
    deadLetters += Number(parked.rows[0].n);
  }
  return { unpublished, undelivered, deadLetters };
}
