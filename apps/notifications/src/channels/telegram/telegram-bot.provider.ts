import type { Provider } from '@nestjs/common';
import { ChannelsEnv } from '../channels.config';
import { TelegramBotClient } from './telegram-bot.client';

/** The bot, or null when no token is configured (the channel then refuses, and nothing polls). */
export const TELEGRAM_BOT = Symbol('TELEGRAM_BOT');

export const telegramBotProvider: Provider = {
  provide: TELEGRAM_BOT,
  inject: [ChannelsEnv],
  useFactory: (config: ChannelsEnv): TelegramBotClient | null =>
    config.TELEGRAM_BOT_TOKEN
      ? new TelegramBotClient(config.TELEGRAM_API_URL, config.TELEGRAM_BOT_TOKEN)
      : null,
};
