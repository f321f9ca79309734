import { request } from 'undici';
import { BotApiBody } from './bot-answer';

export interface BotAnswer {
  readonly status: number;
  readonly body: BotApiBody | undefined;
}

/** One update of `getUpdates`, as far as linking a chat needs it. */
export interface BotUpdate {
  readonly update_id: number;
  readonly message?: {
    readonly text?: string;
    readonly chat: { readonly id: number; readonly type: string };
  };
}

/** Telegram's answers are small; a bigger body is not the Bot API and is not read whole. */
const ANSWER_MAX_BYTES = 1024 * 1024;

/** The network failed before Telegram answered; the message names no URL (the token is in the path). */
export class BotApiUnreachableError extends Error {
  constructor(override readonly cause: unknown) {
    const code = (cause as { code?: unknown }).code;
    const name = cause instanceof Error ? cause.name : 'error';
    super(`Bot API not reachable: ${typeof code === 'string' ? code : name}`);
  }
}

/**
 * The Telegram Bot API over HTTPS. The token is part of every URL, so nothing here puts a URL in an
 * error or a log line.
 */
export class TelegramBotClient {
  readonly botId: string;

  constructor(
    private readonly apiUrl: string,
    private readonly token: string,
  ) {
    this.botId = token.split(':')[0];
  }

  async call(method: string, params: object, signal: AbortSignal): Promise<BotAnswer> {
    const url = `${this.apiUrl.replace(/\/+$/, '')}/bot${this.token}/${method}`;
    let response;
    try {
      response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
        signal,
      });
    } catch (error) {
      throw new BotApiUnreachableError(error);
    }
    try {
      return { status: response.statusCode, body: await readJson(response.body) };
    } catch (error) {
      throw new BotApiUnreachableError(error);
    }
  }

  getMe(signal: AbortSignal): Promise<BotAnswer> {
    return this.call('getMe', {}, signal);
  }

  /** Long polling: waits up to `timeoutSeconds` for updates from `offset` on (confirming those before it). */
  getUpdates(offset: number, timeoutSeconds: number, signal: AbortSignal): Promise<BotAnswer> {
    return this.call('getUpdates', { offset, timeout: timeoutSeconds, allowed_updates: ['message'] }, signal);
  }

  sendMessage(chatId: string, text: string, signal: AbortSignal): Promise<BotAnswer> {
    return this.call(
      'sendMessage',
      { chat_id: chatId, text, link_preview_options: { is_disabled: true } },
      signal,
    );
  }
}

async function readJson(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<BotApiBody | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > ANSWER_MAX_BYTES) {
      body.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}
