import type { WebhookEndpoint } from './entities/webhook-endpoint.entity';

/** Tells the site's admins that an endpoint was disabled, and why. */
export interface WebhookAlerts {
  endpointDisabled(endpoint: Pick<WebhookEndpoint, 'id' | 'url'>, reason: string): Promise<void>;
}

export const WEBHOOK_ALERTS = Symbol('WEBHOOK_ALERTS');
