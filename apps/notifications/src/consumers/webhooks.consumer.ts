import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { WebhookSubscription } from '@app/contracts';
import { webhookPayload } from '../channels/webhooks/domain/webhook-payload';
import { WebhookEndpointsRepository } from '../channels/webhooks/webhook-endpoints.repository';
import { FanOutConsumers } from '../fan-out/fan-out.consumers';

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
  constructor(fanOut: FanOutConsumers, endpoints: WebhookEndpointsRepository) {
    fanOut.register(WebhookSubscription, async (event, batch, meta) => {
      // Asked once per event type in a batch: a burst of one type is one question.
      const endpointIds = await batch.once(`webhook-endpoints:${meta.type}`, () =>
        endpoints.subscribedTo(batch.em, meta.type),
      );
      if (endpointIds.length === 0) return;
      const payload = webhookPayload({ ...meta, data: JSON.parse(JSON.stringify(event)) as unknown });
      const now = new Date();
      for (const endpointId of endpointIds) {
        batch.deliveries.push({
          id: randomUUID(),
          eventId: meta.id,
          eventType: meta.type,
          recipientKey: `webhook:${endpointId}`,
          channel: 'webhook',
          address: endpointId,
          template: WEBHOOK_TEMPLATE,
          locale: 'en',
          params: payload as Record<string, unknown>,
          createdAt: now,
        });
      }
    });
  }
}
