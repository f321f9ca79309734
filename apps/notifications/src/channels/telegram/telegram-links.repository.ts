import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { TelegramLink } from './entities/telegram-link.entity';
import { TelegramLinkCode } from './entities/telegram-link-code.entity';
import { TelegramPollState } from './entities/telegram-poll-state.entity';

/** The only code that touches the Telegram tables. */
@Injectable()
export class TelegramLinksRepository {
  constructor(private readonly em: EntityManager) {}

  /** A staff member's new code replaces any earlier one; expired codes of anyone go at the same time. */
  async replaceCode(staffId: string, codeHash: string, expiresAt: Date): Promise<void> {
    await this.em.fork().transactional(async (tx) => {
      await tx.nativeDelete(TelegramLinkCode, { $or: [{ staffId }, { expiresAt: { $lte: new Date() } }] });
      tx.create(TelegramLinkCode, { codeHash, staffId, expiresAt });
    });
  }

  async unlink(staffId: string, chatId?: string): Promise<boolean> {
    const deleted = await this.em
      .fork()
      .nativeDelete(TelegramLink, chatId === undefined ? { staffId } : { staffId, chatId });
    return deleted > 0;
  }

  async chatOf(staffId: string): Promise<string | null> {
    const link = await this.em.fork().findOne(TelegramLink, { staffId });
    return link?.chatId ?? null;
  }

  async nextOffset(botId: string): Promise<number> {
    const state = await this.em.fork().findOne(TelegramPollState, { botId });
    return state ? Number(state.nextOffset) : 0;
  }

  /**
   * Handles one update in one transaction with the offset that confirms it: a crash in between
   * leaves both undone, and the update comes again. `link` is given the code's staff member, if the
   * message carried a live code, and links the chat.
   */
  async consumeUpdate(
    botId: string,
    updateId: number,
    codeHash: string | undefined,
    chatId: string,
  ): Promise<string | null> {
    return this.em.fork().transactional(async (tx) => {
      let staffId: string | null = null;
      if (codeHash !== undefined) {
        const code = await tx.findOne(TelegramLinkCode, { codeHash, expiresAt: { $gt: new Date() } });
        if (code) {
          staffId = code.staffId;
          await tx.nativeDelete(TelegramLinkCode, { codeHash });
          await tx.upsert(TelegramLink, { staffId, chatId, linkedAt: new Date() });
        }
      }
      await tx.upsert(TelegramPollState, { botId, nextOffset: String(updateId + 1) });
      return staffId;
    });
  }
}
