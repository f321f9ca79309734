import { Inject, Injectable } from '@nestjs/common';
import {
  TelegramCallerRequest,
  TelegramLinkCodeView,
  TelegramNotConfiguredError,
  TelegramRecipientUnknownError,
  TelegramUnlinkedView,
} from '@app/contracts';
import { requireStaff } from '../channel-access';
import { ChannelsEnv } from '../channels.config';
import { hashLinkCode, newLinkCode } from './domain/link-code';
import { TELEGRAM_BOT } from './telegram-bot.provider';
import { TelegramBotClient } from './telegram-bot.client';
import { TelegramLinksRepository } from './telegram-links.repository';

const GET_ME_TIMEOUT_MS = 3000;

/** A staff member's side of the link: a one-time code to send to the bot, and unlinking. */
@Injectable()
export class TelegramLinksService {
  private botUsername?: Promise<string | undefined>;

  constructor(
    @Inject(TELEGRAM_BOT) private readonly bot: TelegramBotClient | null,
    private readonly config: ChannelsEnv,
    private readonly links: TelegramLinksRepository,
  ) {}

  async issueCode({ caller }: TelegramCallerRequest): Promise<TelegramLinkCodeView> {
    const staffId = requireStaff(caller);
    if (!this.bot || !this.config.TELEGRAM_BOT_TOKEN) throw new TelegramNotConfiguredError();
    if (!(await this.links.isRecipient(staffId))) throw new TelegramRecipientUnknownError();
    const code = newLinkCode();
    const expiresAt = new Date(Date.now() + this.config.TELEGRAM_LINK_CODE_MINUTES * 60_000);
    await this.links.replaceCode(staffId, hashLinkCode(code, this.config.TELEGRAM_BOT_TOKEN), expiresAt);
    const botUsername = await this.username();
    return { code, expiresAt: expiresAt.toISOString(), ...(botUsername ? { botUsername } : {}) };
  }

  async unlink({ caller }: TelegramCallerRequest): Promise<TelegramUnlinkedView> {
    return { unlinked: await this.links.unlink(requireStaff(caller)) };
  }

  /** The bot's @username, asked once; a failed ask is asked again next time (the code works without it). */
  private async username(): Promise<string | undefined> {
    this.botUsername ??= this.askUsername();
    const username = await this.botUsername;
    if (username === undefined) this.botUsername = undefined;
    return username;
  }

  private async askUsername(): Promise<string | undefined> {
    try {
      const answer = await this.bot!.getMe(AbortSignal.timeout(GET_ME_TIMEOUT_MS));
      const username = (answer.body?.result as { username?: unknown } | undefined)?.username;
      return answer.status === 200 && typeof username === 'string' ? username : undefined;
    } catch {
      return undefined;
    }
  }
}
