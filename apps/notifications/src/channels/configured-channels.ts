import type { NotificationsEnv } from '../notifications.config';
import type { DeliveryChannel } from './delivery-channel';
import { EmailChannel } from './email/email.channel';

/** The channels this configuration can send on; one left unconfigured records no deliveries. */
export function configuredChannels(config: NotificationsEnv): DeliveryChannel[] {
  const channels: DeliveryChannel[] = [];
  if (config.SMTP_URL) {
    const dkim =
      config.DKIM_DOMAIN && config.DKIM_SELECTOR && config.DKIM_PRIVATE_KEY
        ? {
            domainName: config.DKIM_DOMAIN,
            keySelector: config.DKIM_SELECTOR,
            privateKey: config.DKIM_PRIVATE_KEY,
          }
        : undefined;
    channels.push(
      new EmailChannel({
        smtpUrl: config.SMTP_URL,
        from: config.MAIL_FROM,
        ...(dkim ? { dkim } : {}),
        maxConnections: Math.min(config.DELIVERY_CONCURRENCY, config.SMTP_MAX_CONNECTIONS),
        timeoutMs: config.DELIVERY_SEND_TIMEOUT_MS,
      }),
    );
  }
  return channels;
}
