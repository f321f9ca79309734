import { DomainError } from '../errors/domain-error';

/** No bot token is configured, so there is no bot to send a code to. */
export class TelegramNotConfiguredError extends DomainError {
  constructor() {
    super('telegram_not_configured', 409, 'Telegram notifications are not set up on this site.');
  }
}

/** The staff directory of the notifications service does not have the account yet (it follows within seconds). */
export class TelegramRecipientUnknownError extends DomainError {
  constructor() {
    super(
      'telegram_recipient_unknown',
      409,
      'Your account is not known to notifications yet. Try again in a moment.',
    );
  }
}
