import { Inject, Injectable } from '@nestjs/common';
import { ChannelsEnv } from '../channels.config';
import type { DeliveryChannel, OutgoingMessage, SendOutcome } from '../delivery-channel';
import { sendOutcome } from './bot-answer';
import { telegramText } from './domain/message-text';
import { TELEGRAM_BOT } from './telegram-bot.provider';
import { TelegramBotClient } from './telegram-bot.client';

/** Telegram messages to a linked chat (`address` is the chat id), one `sendMessage` per attempt. */
@Injectable()
export class TelegramChannel implements DeliveryChannel {
  readonly name = 'telegram' as const;

  constructor(
    @Inject(TELEGRAM_BOT) private readonly bot: TelegramBotClient | null,
    private readonly config: ChannelsEnv,
  ) {}

  async send(message: OutgoingMessage, signal: AbortSignal): Promise<SendOutcome> {
    if (!this.bot) return { kind: 'failed', detail: 'Telegram is not configured (TELEGRAM_BOT_TOKEN)' };
    const deadline = AbortSignal.any([signal, AbortSignal.timeout(this.config.TELEGRAM_TIMEOUT_MS)]);
    try {
      const answer = await this.bot.sendMessage(
        message.address,
        telegramText(message.subject, message.text),
        deadline,
      );
      return sendOutcome(answer.status, answer.body);
    } catch (error) {
      const detail = deadline.aborted ? 'no answer in time' : (error as Error).message;
      return { kind: 'retry', detail };
    }
  }
}
