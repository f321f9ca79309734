import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { DeliveryChannelName, DeliveryStatus } from '@app/contracts';
import { sqlIn } from '@app/persistence';

/** A delivery as a worker claimed it. */
export interface ClaimedDelivery {
  id: string;
  eventId: string;
  eventType: string;
  recipientKey: string;
  channel: DeliveryChannelName;
  address: string | null;
  template: string;
  locale: string;
  params: Record<string, unknown>;
  attempts: number;
  createdAt: Date;
  leaseToken: string;
}

export interface AttemptRecord {
  outcome: 'sent' | 'retry' | 'failed' | 'unreachable' | 'cancelled';
  detail: string;
  /** The delivery's status afterwards; `pending` with `nextAttemptAt` for a retry. */
  status: DeliveryStatus;
  nextAttemptAt?: Date;
}

interface ClaimedRow {
  id: string;
  event_id: string;
  event_type: string;
  recipient_key: string;
  channel: DeliveryChannelName;
  address: string | null;
  template: string;
  locale: string;
  params: Record<string, unknown>;
  attempts: number;
  created_at: Date;
  lease_token: string;
}

/** Readers and submitters are people outside the newsroom: once their message is out, nothing of them stays. */
const forgetsAddressWhenDone = (recipientKey: string) =>
  recipientKey.startsWith('reader:') || recipientKey.startsWith('submitter:');

/** The only code that claims deliveries and records their attempts. */
@Injectable()
export class DeliveryRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Takes up to `limit` due deliveries for `leaseMs`: rows another copy holds are skipped, not waited
   * for; a lease that ran out (its copy died mid-send) makes the row due again. The attempt is counted
   * here, so a copy that dies mid-send still used one.
   */
  async claim(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const leaseToken = randomUUID();
    const rows = await this.em.getConnection().execute<ClaimedRow[]>(
      `update notifications.delivery d
          set lease_until = now() + (? * interval '1 millisecond'), lease_token = ?, attempts = d.attempts + 1
        where d.id in (
          select id from notifications.delivery
           where status = 'pending' and next_attempt_at <= now()
             and (lease_until is null or lease_until < now())
           order by next_attempt_at
           limit ?
           for update skip locked)
        returning d.id, d.event_id, d.event_type, d.recipient_key, d.channel, d.address, d.template,
                  d.locale, d.params, d.attempts, d.created_at, d.lease_token`,
      [leaseMs, leaseToken, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      eventId: row.event_id,
      eventType: row.event_type,
      recipientKey: row.recipient_key,
      channel: row.channel,
      address: row.address,
      template: row.template,
      locale: row.locale,
      params: row.params,
      attempts: row.attempts,
      createdAt: new Date(row.created_at),
      leaseToken: row.lease_token,
    }));
  }

  /**
   * Records an attempt and what follows, only while this copy's lease still holds: a copy whose lease
   * ran out and was taken over must not overwrite the newer outcome.
   */
  async record(delivery: ClaimedDelivery, attempt: AttemptRecord): Promise<boolean> {
    return this.em.fork().transactional(async (em) => {
      const run = sqlIn(em);
      const done = attempt.status !== 'pending';
      const forget = done && attempt.status !== 'failed' && forgetsAddressWhenDone(delivery.recipientKey);
      const updated = await run<{ id: string }[]>(
        `update notifications.delivery
            set status = ?, next_attempt_at = coalesce(?, next_attempt_at), lease_until = null,
                lease_token = null, last_detail = ?, sent_at = case when ? then now() else sent_at end,
                address = case when ? then null else address end,
                params = case when ? then '{}'::jsonb else params end
          where id = ? and lease_token = ?
          returning id`,
        [
          attempt.status,
          attempt.nextAttemptAt ?? null,
          attempt.detail,
          attempt.status === 'sent',
          forget,
          forget,
          delivery.id,
          delivery.leaseToken,
        ],
      );
      if (updated.length === 0) return false;
      await run(
        `insert into notifications.delivery_attempt (id, delivery_id, at, channel, outcome, detail)
         values (?, ?, now(), ?, ?, ?)`,
        [randomUUID(), delivery.id, delivery.channel, attempt.outcome, attempt.detail],
      );
      return true;
    });
  }

  /** A person's Telegram chat stopped taking messages: it is no longer theirs to send to. */
  async unlinkTelegram(staffId: string, chatId: string): Promise<void> {
    await this.em
      .getConnection()
      .execute(
        'update notifications.recipient set telegram_chat_id = null where staff_id = ? and telegram_chat_id = ?',
        [staffId, chatId],
      );
  }
}
