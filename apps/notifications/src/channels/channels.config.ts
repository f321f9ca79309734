import { IsBoolean, IsInt, IsOptional, IsUrl, Matches, Max, Min } from 'class-validator';
import { ServiceEnv, ToBool, ToInt } from '@app/runtime';

/** What the Telegram and webhook channels read (the notifications service's env extends it). */
export class ChannelsEnv extends ServiceEnv {
  /** The bot's token from @BotFather; unset: no Telegram channel (no polling, no link codes). */
  @IsOptional()
  @Matches(/^\d{1,20}:[A-Za-z0-9_-]{20,100}$/, {
    message: 'TELEGRAM_BOT_TOKEN must look like <bot id>:<secret> as @BotFather gives it',
  })
  TELEGRAM_BOT_TOKEN?: string;

  /** The Bot API server (a self-hosted one, or a test double). */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  TELEGRAM_API_URL = 'https://api.telegram.org';

  /** How long a link code may be sent to the bot. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(60)
  TELEGRAM_LINK_CODE_MINUTES = 10;

  /** Long-polling wait of one `getUpdates` call (Telegram allows up to 50). */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(50)
  TELEGRAM_POLL_TIMEOUT_SECONDS = 25;

  /** Longest a `sendMessage` call may take before the attempt counts as failed and is retried. */
  @ToInt()
  @IsInt()
  @Min(100)
  @Max(60000)
  TELEGRAM_TIMEOUT_MS = 10000;

  /** Longest one webhook attempt may take (connect, send, answer) before it is retried. */
  @ToInt()
  @IsInt()
  @Min(100)
  @Max(60000)
  WEBHOOK_TIMEOUT_MS = 10000;

  /** An endpoint whose every attempt failed for this long is disabled, and admins are told. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(720)
  WEBHOOK_DISABLE_AFTER_HOURS = 72;

  /** Webhook endpoints the site may have at once. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(1000)
  WEBHOOK_ENDPOINTS_MAX = 20;

  /** Lifts the SSRF guard: webhook URLs may reach loopback and private networks (tests, closed networks). */
  @ToBool()
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_NETWORKS = false;
}
