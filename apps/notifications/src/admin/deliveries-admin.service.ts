import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Caller,
  ConflictError,
  decodePageCursor,
  DeliveryAttemptView,
  DeliveryChannelName,
  DeliveryListQuery,
  DeliveryPage,
  DeliveryStatus,
  DeliveryView,
  encodePageCursor,
  NotFoundError,
  PAGE_LIMIT_DEFAULT,
} from '@app/contracts';
import { requireRole } from '../access/caller-access';
import { DeliveryWorker } from '../delivery/delivery.worker';

interface DeliveryRow {
  id: string;
  event_id: string;
  event_type: string;
  recipient_key: string;
  channel: DeliveryChannelName;
  status: DeliveryStatus;
  next_attempt_at: Date;
  created_at: Date;
  sent_at: Date | null;
}

interface AttemptRow {
  delivery_id: string;
  at: Date;
  outcome: DeliveryAttemptView['outcome'];
  detail: string;
}

const COLUMNS =
  'id, event_id, event_type, recipient_key, channel, status, next_attempt_at, created_at, sent_at';

/** A reader's key is a hash of their email; a prefix of it is enough to tell rows apart. */
function shownRecipient(key: string): string {
  return key.startsWith('reader:') ? key.slice(0, 'reader:'.length + 12) : key;
}

/** Every delivery of every channel with its attempts, for admins, and their retry of a failed one. */
@Injectable()
export class DeliveriesAdminService {
  constructor(
    private readonly em: EntityManager,
    private readonly worker: DeliveryWorker,
  ) {}

  async list(caller: Caller, query: DeliveryListQuery): Promise<DeliveryPage> {
    requireRole(caller, 'admin');
    const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (query.status) {
      conditions.push('status = ?');
      params.push(query.status);
    }
    if (query.cursor) {
      const position = decodePageCursor(query.cursor);
      conditions.push('(created_at, id) < (?, ?)');
      params.push(position.createdAt, position.id);
    }
    const where = conditions.length > 0 ? `where ${conditions.join(' and ')}` : '';
    const rows = await this.em
      .getConnection()
      .execute<DeliveryRow[]>(
        `select ${COLUMNS} from notifications.delivery ${where} order by created_at desc, id desc limit ?`,
        [...params, limit + 1],
      );
    const items = await this.views(rows.slice(0, limit));
    const last = items.at(-1);
    return {
      items,
      nextCursor:
        rows.length > limit && last ? encodePageCursor({ createdAt: last.createdAt, id: last.id }) : null,
    };
  }

  /** A failed delivery goes back in the queue with a fresh set of attempts. */
  async retry(caller: Caller, deliveryId: string): Promise<DeliveryView> {
    requireRole(caller, 'admin');
    const rows = await this.em.getConnection().execute<DeliveryRow[]>(
      `update notifications.delivery
          set status = 'pending', attempts = 0, next_attempt_at = now(), lease_until = null, lease_token = null
        where id = ? and status = 'failed'
        returning ${COLUMNS}`,
      [deliveryId],
    );
    if (rows.length === 0) {
      const exists = await this.em
        .getConnection()
        .execute<unknown[]>('select 1 from notifications.delivery where id = ?', [deliveryId]);
      if (exists.length === 0) throw new NotFoundError('The delivery');
      throw new ConflictError('delivery_not_failed', 'Only a failed delivery can be retried.');
    }
    this.worker.kick();
    return (await this.views(rows))[0];
  }

  private async views(rows: DeliveryRow[]): Promise<DeliveryView[]> {
    if (rows.length === 0) return [];
    const attempts = await this.em.getConnection().execute<AttemptRow[]>(
      `select delivery_id, at, outcome, detail from notifications.delivery_attempt
        where delivery_id = any(?::uuid[]) order by at, id`,
      [`{${rows.map((row) => row.id).join(',')}}`],
    );
    return rows.map((row) => ({
      id: row.id,
      eventId: row.event_id,
      eventType: row.event_type,
      channel: row.channel,
      recipient: shownRecipient(row.recipient_key),
      status: row.status,
      attempts: attempts
        .filter((attempt) => attempt.delivery_id === row.id)
        .map((attempt) => ({
          at: new Date(attempt.at).toISOString(),
          outcome: attempt.outcome,
          detail: attempt.detail,
        })),
      nextAttemptAt: row.status === 'pending' ? new Date(row.next_attempt_at).toISOString() : null,
      createdAt: new Date(row.created_at).toISOString(),
      sentAt: row.sent_at ? new Date(row.sent_at).toISOString() : null,
    }));
  }
}
