import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { sqlIn } from '@app/persistence';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';

/** The only code that touches the webhook endpoints' table. */
@Injectable()
export class WebhookEndpointsRepository {
  constructor(private readonly em: EntityManager) {}

  list(): Promise<WebhookEndpoint[]> {
    return this.em.fork().find(WebhookEndpoint, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  /**
   * Adds an endpoint unless the site already has `max`: the count and the insert run under one
   * transaction-scoped advisory lock, so two admins adding at once cannot pass the limit together.
   */
  async add(endpoint: WebhookEndpoint, max: number): Promise<boolean> {
    return this.em.fork().transactional(async (tx) => {
      // On the transaction's connection: the lock must last until the commit.
      await sqlIn(tx)(`select pg_advisory_xact_lock(hashtext('notifications:webhook-endpoints'))`);
      if ((await tx.count(WebhookEndpoint, {})) >= max) return false;
      tx.persist(endpoint);
      return true;
    });
  }

  async remove(id: string): Promise<boolean> {
    return (await this.em.fork().nativeDelete(WebhookEndpoint, { id })) > 0;
  }

  /** The endpoint with its secret, to sign an attempt. */
  findForSending(id: string): Promise<WebhookEndpoint | null> {
    return this.em.fork().findOne(WebhookEndpoint, { id }, { populate: ['secret'] });
  }

  /** The enabled endpoints that subscribe to `eventType`, read in `em`'s transaction (a consumer's). */
  async subscribedTo(em: EntityManager, eventType: string): Promise<string[]> {
    const rows = await sqlIn(em)<{ id: string }[]>(
      `select id from notifications.webhook_endpoint
        where enabled and events @> array[?]::text[] order by created_at, id`,
      [eventType],
    );
    return rows.map((row) => row.id);
  }

  async markSucceeded(id: string): Promise<void> {
    await this.em
      .fork()
      .nativeUpdate(WebhookEndpoint, { id, failingSince: { $ne: null } }, { failingSince: null });
  }

  /** Records a failed attempt; the first one after a success starts the failing period. Returns its start. */
  async markFailed(id: string, at: Date): Promise<Date | null> {
    const rows = await this.em
      .fork()
      .getConnection()
      .execute<{ failing_since: Date | string }[]>(
        `update notifications.webhook_endpoint set failing_since = coalesce(failing_since, ?)
         where id = ? returning failing_since`,
        [at, id],
      );
    const since = rows[0]?.failing_since;
    return since === undefined ? null : new Date(since);
  }

  /** Disables an endpoint; true only for the call that disabled it (so admins are told once). */
  async disable(id: string, reason: string): Promise<boolean> {
    return (
      (await this.em
        .fork()
        .nativeUpdate(WebhookEndpoint, { id, enabled: true }, { enabled: false, disabledReason: reason })) > 0
    );
  }
}
