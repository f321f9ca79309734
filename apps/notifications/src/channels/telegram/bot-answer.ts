import type { SendOutcome } from '../delivery-channel';

/** The JSON every Bot API method answers with. */
export interface BotApiBody {
  readonly ok?: boolean;
  readonly result?: unknown;
  readonly description?: string;
  readonly error_code?: number;
  readonly parameters?: { readonly retry_after?: number };
}

/** When Telegram says 429 without saying how long to wait. */
const DEFAULT_RETRY_AFTER_MS = 1000;

/**
 * What one `sendMessage` answer means: 200 ok → sent; 429 → retry after `parameters.retry_after`
 * seconds; 403 (the person blocked the bot, or left the chat) → unreachable; 5xx → retry; any other
 * 4xx (a chat id Telegram does not know, a message it refuses) → failed.
 */
export function sendOutcome(status: number, body: BotApiBody | undefined): SendOutcome {
  const description = body?.description ?? `HTTP ${status}`;
  if (status === 200 && body?.ok === true) {
    const messageId = (body.result as { message_id?: number } | undefined)?.message_id;
    return { kind: 'sent', detail: messageId !== undefined ? `message ${messageId}` : 'sent' };
  }
  if (status === 429) {
    const seconds = body?.parameters?.retry_after;
    const afterMs =
      typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0
        ? Math.ceil(seconds * 1000)
        : DEFAULT_RETRY_AFTER_MS;
    return { kind: 'retry', detail: description, afterMs };
  }
  if (status === 403) return { kind: 'unreachable', detail: description };
  if (status >= 500 || status === 200) return { kind: 'retry', detail: description };
  return { kind: 'failed', detail: description };
}
