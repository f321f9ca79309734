import { TelegramLinkCode } from './telegram/entities/telegram-link-code.entity';
import { TelegramPollState } from './telegram/entities/telegram-poll-state.entity';
import { WebhookEndpoint } from './webhooks/entities/webhook-endpoint.entity';

export const CHANNELS_ENTITIES = [TelegramLinkCode, TelegramPollState, WebhookEndpoint];
