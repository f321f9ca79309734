import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { WebhookSubscription } from '@app/contracts';
import { EventConsumers } from '@app/messaging';
import { webhookPayload } from '../channels/webhooks/domain/webhook-payload';
import { WebhookEndpointsRepository } from '../channels/webhooks/webhook-endpoints.repository';
import { Delivery } from '../entities';

/** Webhook deliveries carry their payload ready to sign; no template renders them. */
const WEBHOOK_TEMPLATE = 'webhook';

/**
 * Webhook fan-out: every event whose type an enabled endpoint subscribes to becomes one delivery per
 * such endpoint (recipient `webhook:<endpointId>`), recorded in the consumer's transaction; the
 * delivery workers post them. The unique (event, recipient, channel) key makes a redelivered event
 * add nothing.
 */
@Injectable()
export class WebhooksConsumer {
  constructor(consumers: EventConsumers, endpoints: WebhookEndpointsRepository) {
    consumers.register({
      ...WebhookSubscription,
      handle: async (event, em, meta) => {
        const endpointIds = await endpoints.subscribedTo(em, meta.type);
        if (endpointIds.length === 0) return;
        const payload = webhookPayload({ ...meta, data: JSON.parse(JSON.stringify(event)) as unknown });
        const now = new Date();
        for (const endpointId of endpointIds) {
          em.persist(
            em.create(Delivery, {
              id: randomUUID(),
              eventId: meta.id,
              eventType: meta.type,
              recipientKey: `webhook:${endpointId}`,
              channel: 'webhook',
              address: endpointId,
              template: WEBHOOK_TEMPLATE,
              locale: 'en',
              params: payload,
              status: 'pending',
              attempts: 0,
              nextAttemptAt: now,
              createdAt: now,
            }),
          );
        }
      },
    });
  }
}
