import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import type { FanOutBatch, NewFeedEntry } from './fan-out-batch';

/** What a batch's statements added: the feed entries that are new, and how many deliveries. */
export interface FanOutWritten {
  feedEntries: NewFeedEntry[];
  deliveries: number;
}

/**
 * Writes a batch's rows with one statement per table, every value bound (a single JSON parameter
 * per statement, spread into rows by jsonb_to_recordset). The unique keys make a row some earlier
 * handling already wrote add nothing (ON CONFLICT DO NOTHING), so a batch never fails on them.
 */
export async function writeFanOut(em: EntityManager, batch: FanOutBatch): Promise<FanOutWritten> {
  const knex = em.getTransactionContext<Knex.Transaction>() ?? em.getKnex();
  const rows = async <T>(sql: string, values: unknown[]): Promise<T[]> =>
    values.length === 0 ? [] : (await knex.raw<{ rows: T[] }>(sql, [JSON.stringify(values)])).rows;

  const inserted = await rows<{ id: string }>(
    `insert into notifications.notification
       (id, staff_id, event_id, type, title, body, link, created_at, read_at)
     select id, staff_id, event_id, type, title, body, link, created_at, null
       from jsonb_to_recordset(?::jsonb) as n (id uuid, staff_id uuid, event_id uuid, type text,
            title text, body text, link text, created_at timestamptz)
     on conflict do nothing returning id`,
    batch.feedEntries.map((entry) => ({
      id: entry.id,
      staff_id: entry.staffId,
      event_id: entry.eventId,
      type: entry.type,
      title: entry.title,
      body: entry.body,
      link: entry.link,
      created_at: entry.createdAt,
    })),
  );
  const deliveries = await rows<{ id: string }>(
    `insert into notifications.delivery
       (id, event_id, event_type, recipient_key, channel, address, template, locale, params, status,
        attempts, next_attempt_at, created_at)
     select id, event_id, event_type, recipient_key, channel, address, template, locale, params,
            'pending', 0, created_at, created_at
       from jsonb_to_recordset(?::jsonb) as d (id uuid, event_id uuid, event_type text,
            recipient_key text, channel text, address text, template text, locale text, params jsonb,
            created_at timestamptz)
     on conflict do nothing returning id`,
    batch.deliveries.map((delivery) => ({
      id: delivery.id,
      event_id: delivery.eventId,
      event_type: delivery.eventType,
      recipient_key: delivery.recipientKey,
      channel: delivery.channel,
      address: delivery.address,
      template: delivery.template,
      locale: delivery.locale,
      params: delivery.params,
      created_at: delivery.createdAt,
    })),
  );
  await rows(
    `insert into notifications.digest_item
       (id, staff_id, channel, event_id, type, summary, window_start, delivery_id, created_at)
     select id, staff_id, channel, event_id, type, summary, window_start, null, created_at
       from jsonb_to_recordset(?::jsonb) as i (id uuid, staff_id uuid, channel text, event_id uuid,
            type text, summary jsonb, window_start timestamptz, created_at timestamptz)
     on conflict do nothing`,
    batch.digestItems.map((item) => ({
      id: item.id,
      staff_id: item.staffId,
      channel: item.channel,
      event_id: item.eventId,
      type: item.type,
      summary: item.summary,
      window_start: item.windowStart,
      created_at: item.createdAt,
    })),
  );
  const added = new Set(inserted.map((row) => row.id));
  return {
    feedEntries: batch.feedEntries.filter((entry) => added.has(entry.id)),
    deliveries: deliveries.length,
  };
}
