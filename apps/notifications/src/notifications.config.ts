import { IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { IsStrongSecret, ToInt } from '@app/runtime';
import { ChannelsEnv } from './channels/channels.config';

/** The Telegram and webhook channels' variables come from ChannelsEnv. */
export class NotificationsEnv extends ChannelsEnv {
  /** SMTP server for email, e.g. `smtps://user:pass@mail.example.org:465`; unset: no email is sent. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['smtp', 'smtps'], require_protocol: true })
  SMTP_URL?: string;

  /**
   * Connections kept open to the SMTP server at once (no more than DELIVERY_CONCURRENCY are used).
   * Each message takes several round trips on its connection: more of them send more per second.
   */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(256)
  SMTP_MAX_CONNECTIONS = 8;

  /** The From of every email. */
  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Engage <notifications@localhost>';

  /** DKIM signing (all three or none): the signing domain, the selector, the PEM private key. */
  @IsOptional()
  @IsString()
  DKIM_DOMAIN?: string;

  @IsOptional()
  @IsString()
  DKIM_SELECTOR?: string;

  @IsOptional()
  @IsString()
  @Matches(/-----BEGIN [A-Z ]*PRIVATE KEY-----/, { message: 'DKIM_PRIVATE_KEY must be a PEM private key' })
  DKIM_PRIVATE_KEY?: string;

  /**
   * Signs one-click unsubscribe links and keys the hashes of readers' emails. Unset: a random key per
   * start (links sent before a restart stop working), with a warning.
   */
  @IsOptional()
  @IsStrongSecret()
  UNSUBSCRIBE_SECRET?: string;

  /** The public https address of the gateway, for links in messages. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /** Moderators get held and flagged comments by email and Telegram at most once per this many minutes. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(1440)
  DIGEST_WINDOW_MINUTES = 15;

  /** Pause after a first failed attempt; it doubles per failure (with jitter) up to DELIVERY_RETRY_MAX_MS. */
  @ToInt()
  @IsInt()
  @Min(10)
  @Max(3600000)
  DELIVERY_RETRY_BASE_MS = 30000;

  @ToInt()
  @IsInt()
  @Min(10)
  @Max(86400000)
  DELIVERY_RETRY_MAX_MS = 3600000;

  /** Attempts an email gets before it is marked failed. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(100)
  EMAIL_MAX_ATTEMPTS = 8;

  @ToInt()
  @IsInt()
  @Min(1)
  @Max(100)
  TELEGRAM_MAX_ATTEMPTS = 8;

  @ToInt()
  @IsInt()
  @Min(1)
  @Max(100)
  WEBHOOK_MAX_ATTEMPTS = 12;

  /** How long a claimed delivery is this copy's; a copy that dies leaves it to another after this. */
  @ToInt()
  @IsInt()
  @Min(1000)
  @Max(3600000)
  DELIVERY_LEASE_MS = 60000;

  /**
   * Events one fan-out consumer handles in one transaction at most: those that arrived while the last
   * batch was being written go together (one at a time when they come one at a time).
   */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(1000)
  EVENT_BATCH_MAX = 100;

  /** Deliveries one copy sends at once. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(256)
  DELIVERY_CONCURRENCY = 16;

  /** How often a copy looks for due deliveries when nothing new was recorded by it. */
  @ToInt()
  @IsInt()
  @Min(10)
  @Max(60000)
  DELIVERY_POLL_MS = 500;

  /** One send may take this long before it counts as a retryable failure. */
  @ToInt()
  @IsInt()
  @Min(100)
  @Max(300000)
  DELIVERY_SEND_TIMEOUT_MS = 30000;
}
