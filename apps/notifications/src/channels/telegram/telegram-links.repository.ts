import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { sqlIn } from '@app/persistence';
import { TelegramLinkCode } from './entities/telegram-link-code.entity';
import { TelegramPollState } from './entities/telegram-poll-state.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The only code that touches the link codes, the updates' offset, and the linked chat, which is kept
 * on the staff member's recipient row (the staff directory every channel reads).
 */
@Injectable()
export class TelegramLinksRepository {
  constructor(private readonly em: EntityManager) {}

  /** Whether the staff directory knows this member (their account event has arrived). */
  async isRecipient(staffId: string): Promise<boolean> {
    if (!UUID.test(staffId)) return false;
    const rows = await this.em
      .fork()
      .getConnection()
      .execute<{ known: boolean }[]>(
        `select exists (select 1 from notifications.recipient where staff_id = ? and not deleted) as known`,
        [staffId],
      );
    return rows[0]?.known === true;
  }

  /** A staff member's new code replaces any earlier one; expired codes of anyone go at the same time. */
  async replaceCode(staffId: string, codeHash: string, expiresAt: Date): Promise<void> {
    await this.em.fork().transactional(async (tx) => {
      await tx.nativeDelete(TelegramLinkCode, { $or: [{ staffId }, { expiresAt: { $lte: new Date() } }] });
      tx.create(TelegramLinkCode, { codeHash, staffId, expiresAt });
    });
  }

  /** Unlinks a member's chat; with `chatId`, only if that chat is still the linked one. */
  async unlink(staffId: string, chatId?: string): Promise<boolean> {
    if (!UUID.test(staffId)) return false;
    const rows = await this.em
      .fork()
      .getConnection()
      .execute<{ staff_id: string }[]>(
        `update notifications.recipient set telegram_chat_id = null
         where staff_id = ? and telegram_chat_id is not null ${chatId === undefined ? '' : 'and telegram_chat_id = ?'}
         returning staff_id`,
        chatId === undefined ? [staffId] : [staffId, chatId],
      );
    return rows.length > 0;
  }

  async nextOffset(botId: string): Promise<number> {
    const state = await this.em.fork().findOne(TelegramPollState, { botId });
    return state ? Number(state.nextOffset) : 0;
  }

  /**
   * Handles one update in one transaction with the offset that confirms it: a crash in between
   * leaves both undone, and the update comes again. When the message carried a live code, the code is
   * used up, the chat is linked to its staff member, and their id is returned.
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
          await tx.nativeDelete(TelegramLinkCode, { codeHash });
          const linked = await sqlIn(tx)<{ staff_id: string }[]>(
            `update notifications.recipient set telegram_chat_id = ?
             where staff_id = ? and not deleted returning staff_id`,
            [chatId, code.staffId],
          );
          staffId = linked[0]?.staff_id ?? null;
        }
      }
      await tx.upsert(TelegramPollState, { botId, nextOffset: String(updateId + 1) });
      return staffId;
    });
  }
}
