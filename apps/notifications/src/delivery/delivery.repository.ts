import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { DeliveryChannelName, DeliveryStatus } from '@app/contracts';

/** An attempt with the delivery it was for. */
export interface RecordedAttempt {
  delivery: ClaimedDelivery;
  attempt: AttemptRecord;
}

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
    const { rows } = await this.em.getKnex().raw<{ rows: ClaimedRow[] }>(
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
   * Records attempts and what follows each, with one statement for them all, each only while the
   * lease it was claimed with still holds: a copy whose lease ran out and was taken over must not
   * overwrite the newer outcome. Answers, in order, whether each was recorded.
   */
  async record(outcomes: readonly RecordedAttempt[]): Promise<boolean[]> {
    if (outcomes.length === 0) return [];
    const values = outcomes.map(({ delivery, attempt }) => {
      const done = attempt.status !== 'pending';
      const forget = done && attempt.status !== 'failed' && forgetsAddressWhenDone(delivery.recipientKey);
      return {
        id: delivery.id,
        lease_token: delivery.leaseToken,
        attempt_id: randomUUID(),
        channel: delivery.channel,
        outcome: attempt.outcome,
        detail: attempt.detail,
        status: attempt.status,
        next_attempt_at: attempt.nextAttemptAt ?? null,
        sent: attempt.status === 'sent',
        forget,
      };
    });
    // One statement, so the outcome and its attempt row commit together without a transaction.
    const { rows } = await this.em.getKnex().raw<{ rows: { id: string }[] }>(
      `with outcome as (
         select * from jsonb_to_recordset(?::jsonb) as o (id uuid, lease_token uuid, attempt_id uuid,
           channel text, outcome text, detail text, status text, next_attempt_at timestamptz,
           sent boolean, forget boolean)
       ), updated as (
         update notifications.delivery d
            set status = o.status, next_attempt_at = coalesce(o.next_attempt_at, d.next_attempt_at),
                lease_until = null, lease_token = null, last_detail = o.detail,
                sent_at = case when o.sent then now() else d.sent_at end,
                address = case when o.forget then null else d.address end,
                params = case when o.forget then '{}'::jsonb else d.params end
           from outcome o
          where d.id = o.id and d.lease_token = o.lease_token
          returning d.id
       ), attempts as (
         insert into notifications.delivery_attempt (id, delivery_id, at, channel, outcome, detail)
         select o.attempt_id, o.id, now(), o.channel, o.outcome, o.detail
           from outcome o join updated u on u.id = o.id
       )
       select id from updated`,
      [JSON.stringify(values)],
    );
    const recorded = new Set(rows.map((row) => row.id));
    return outcomes.map(({ delivery }) => recorded.has(delivery.id));
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
