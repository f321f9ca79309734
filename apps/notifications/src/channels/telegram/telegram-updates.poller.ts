import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { errorSummary } from '@app/persistence';
import { ChannelsEnv } from '../channels.config';
import { codeInMessage, hashLinkCode } from './domain/link-code';
import { LINK_REPLIES } from './domain/link-replies';
import { TELEGRAM_BOT } from './telegram-bot.provider';
import { BotUpdate, TelegramBotClient } from './telegram-bot.client';
import { TelegramLinksRepository } from './telegram-links.repository';

/** Pause after a failed round (Telegram down, a lost database connection) before the next one. */
const FAILURE_PAUSE_MS = 5000;
const REPLY_TIMEOUT_MS = 10000;

/**
 * Reads the messages people send to the bot (`getUpdates` long polling) and links a chat to the staff
 * member whose code it carries. Telegram allows one reader of a bot's updates at a time, so of all
 * the service's copies only the one holding a PostgreSQL advisory lock reads; the lock lives on a
 * connection of its own and goes with it when that copy dies, and another copy takes over. The
 * offset is in the database, so the next reader goes on where the last stopped.
 */
@Injectable()
export class TelegramUpdatesPoller implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('TelegramUpdates');
  private readonly stop = new AbortController();
  private loop?: Promise<void>;
  private lockConnection?: Client;

  constructor(
    @Inject(TELEGRAM_BOT) private readonly bot: TelegramBotClient | null,
    private readonly config: ChannelsEnv,
    private readonly links: TelegramLinksRepository,
    private readonly orm: MikroORM,
  ) {}

  onApplicationBootstrap(): void {
    if (this.bot) this.loop = this.run(this.bot);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.loop;
    await this.releaseLock();
  }

  /** Whether this copy is the one reading updates. */
  get reading(): boolean {
    return this.lockConnection !== undefined;
  }

  private async run(bot: TelegramBotClient): Promise<void> {
    const signal = this.stop.signal;
    while (!signal.aborted) {
      try {
        if (await this.holdLock(bot.botId)) {
          await this.readOnce(bot, signal);
        } else {
          await pause(this.config.TELEGRAM_POLL_TIMEOUT_SECONDS * 1000, signal);
        }
      } catch (error) {
        if (signal.aborted) break;
        this.logger.warn(`reading the bot's updates failed: ${errorSummary(error)}`);
        await this.releaseLock();
        await pause(FAILURE_PAUSE_MS, signal);
      }
    }
  }

  private async readOnce(bot: TelegramBotClient, signal: AbortSignal): Promise<void> {
    const offset = await this.links.nextOffset(bot.botId);
    const wait = this.config.TELEGRAM_POLL_TIMEOUT_SECONDS;
    // The long poll may last its whole timeout; a little more before the answer counts as lost.
    const deadline = AbortSignal.any([signal, AbortSignal.timeout((wait + 10) * 1000)]);
    const answer = await bot.getUpdates(offset, wait, deadline);
    if (answer.status !== 200 || answer.body?.ok !== true || !Array.isArray(answer.body.result)) {
      throw new Error(
        `getUpdates answered ${answer.status}: ${answer.body?.description ?? 'no Bot API answer'}`,
      );
    }
    for (const update of answer.body.result as BotUpdate[]) {
      await this.handle(bot, update);
    }
  }

  private async handle(bot: TelegramBotClient, update: BotUpdate): Promise<void> {
    const message = update.message;
    const privateChat = message?.chat.type === 'private' ? String(message.chat.id) : undefined;
    const code = privateChat && message?.text !== undefined ? codeInMessage(message.text) : undefined;
    const staffId = await this.links.consumeUpdate(
      bot.botId,
      update.update_id,
      code === undefined ? undefined : hashLinkCode(code, this.config.TELEGRAM_BOT_TOKEN!),
      privateChat ?? '',
    );
    if (privateChat === undefined || message?.text === undefined) return;
    const reply = staffId ? LINK_REPLIES.linked : code ? LINK_REPLIES.unknownCode : LINK_REPLIES.howTo;
    if (staffId) this.logger.log('linked a Telegram chat');
    try {
      await bot.sendMessage(privateChat, reply, AbortSignal.timeout(REPLY_TIMEOUT_MS));
    } catch (error) {
      // The link stands either way; the answer is a courtesy.
      this.logger.warn(`answering in a Telegram chat failed: ${errorSummary(error)}`);
    }
  }

  private async holdLock(botId: string): Promise<boolean> {
    if (this.lockConnection) return true;
    const client = new Client({
      connectionString: this.orm.config.getClientUrl(),
      application_name: 'telegram updates lock',
    });
    client.on('error', () => {
      if (this.lockConnection === client) this.lockConnection = undefined;
    });
    await client.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        'select pg_try_advisory_lock(hashtext($1)) as locked',
        [`notifications:telegram-updates:${botId}`],
      );
      if (rows[0]?.locked) {
        this.lockConnection = client;
        return true;
      }
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    await client.end().catch(() => undefined);
    return false;
  }

  private async releaseLock(): Promise<void> {
    const client = this.lockConnection;
    this.lockConnection = undefined;
    // Ending the session releases its advisory locks.
    await client?.end().catch(() => undefined);
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
