import { DomainError } from '../errors/domain-error';

/** No bot token is configured, so there is no bot to send a code to. */
export class TelegramNotConfiguredError extends DomainError {
  constructor() {
    super('telegram_not_configured', 409, 'Telegram notifications are not set up on this site.');
  }
}
