import { Inject, Injectable, Logger } from '@nestjs/common';
import { errorSummary } from '@app/persistence';
import { ChannelsEnv } from '../channels.config';
import type { DeliveryChannel, OutgoingMessage, SendOutcome } from '../delivery-channel';
import { failedTooLong, webhookVerdict } from './domain/webhook-response';
import { signWebhook } from './domain/webhook-signature';
import { HostResolver, resolveWebhookTarget, WebhookTargetRefused } from './domain/webhook-target';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { postPinned } from './pinned-post';
import { WEBHOOK_ALERTS, WebhookAlerts } from './webhook-alerts';
import { WEBHOOK_RESOLVER } from './webhook-resolver.provider';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';

const USER_AGENT = 'engage-webhooks/1';

/**
 * Posts an event to an admin's endpoint (`address` is the endpoint id), signed per Standard Webhooks
 * with `webhook-id` = the delivery id. The SSRF guard runs again at every attempt (the host's
 * addresses may have changed since the endpoint was added) and the connection goes to the address it
 * checked. 2xx: sent. 410: the endpoint is disabled. Anything else is retried, until the endpoint has
 * failed without a break for WEBHOOK_DISABLE_AFTER_HOURS: then it is disabled and admins are told.
 */
@Injectable()
export class WebhookChannel implements DeliveryChannel {
  readonly name = 'webhook' as const;
  private readonly logger = new Logger('WebhookChannel');

  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly config: ChannelsEnv,
    @Inject(WEBHOOK_RESOLVER) private readonly resolve: HostResolver,
    @Inject(WEBHOOK_ALERTS) private readonly alerts: WebhookAlerts,
  ) {}

  async send(message: OutgoingMessage, signal: AbortSignal): Promise<SendOutcome> {
    const endpoint = await this.endpoints.findForSending(message.address);
    if (!endpoint) return { kind: 'failed', detail: 'the endpoint was deleted' };
    if (!endpoint.enabled) {
      return {
        kind: 'failed',
        detail: `the endpoint is disabled (${endpoint.disabledReason ?? 'by an admin'})`,
      };
    }
    const answer = await this.attempt(endpoint, message, signal);
    if ('status' in answer) {
      const detail = answer.excerpt ? `HTTP ${answer.status}: ${answer.excerpt}` : `HTTP ${answer.status}`;
      switch (webhookVerdict(answer.status)) {
        case 'sent':
          await this.endpoints.markSucceeded(endpoint.id);
          return { kind: 'sent', detail };
        case 'gone':
          await this.disable(endpoint, 'the receiver answered 410 Gone');
          return { kind: 'failed', detail: `${detail} (endpoint disabled)` };
        case 'retry':
          return this.failed(endpoint, detail);
      }
    }
    return this.failed(endpoint, answer.problem);
  }

  private async attempt(
    endpoint: WebhookEndpoint,
    message: OutgoingMessage,
    signal: AbortSignal,
  ): Promise<{ status: number; excerpt: string } | { problem: string }> {
    const deadline = AbortSignal.any([signal, AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS)]);
    try {
      const target = await resolveWebhookTarget(
        endpoint.url,
        this.resolve,
        this.config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
      );
      const body = JSON.stringify(message.payload ?? null);
      const headers = {
        ...signWebhook(message.deliveryId, new Date(), body, endpoint.secret),
        'user-agent': USER_AGENT,
      };
      return await postPinned(target, body, headers, deadline);
    } catch (error) {
      if (error instanceof WebhookTargetRefused) return { problem: `refused: ${error.reason}` };
      if (deadline.aborted) return { problem: `no answer within ${this.config.WEBHOOK_TIMEOUT_MS} ms` };
      const code = (error as { code?: unknown }).code;
      return { problem: `not reachable: ${typeof code === 'string' ? code : (error as Error).name}` };
    }
  }

  /** A failed attempt: retried, unless the endpoint has now failed for too long. */
  private async failed(endpoint: WebhookEndpoint, detail: string): Promise<SendOutcome> {
    const now = new Date();
    const since = await this.endpoints.markFailed(endpoint.id, now);
    if (failedTooLong(since, now, this.config.WEBHOOK_DISABLE_AFTER_HOURS)) {
      await this.disable(
        endpoint,
        `every attempt failed for ${this.config.WEBHOOK_DISABLE_AFTER_HOURS} hours`,
      );
      return { kind: 'failed', detail: `${detail} (endpoint disabled)` };
    }
    return { kind: 'retry', detail };
  }

  private async disable(endpoint: WebhookEndpoint, reason: string): Promise<void> {
    if (!(await this.endpoints.disable(endpoint.id, reason))) return;
    this.logger.warn(`webhook endpoint ${endpoint.id} disabled: ${reason}`);
    try {
      await this.alerts.endpointDisabled(endpoint, reason);
    } catch (error) {
      this.logger.warn(`telling admins of disabled endpoint ${endpoint.id} failed: ${errorSummary(error)}`);
    }
  }
}
