import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** A staff member's linked Telegram chat: where their Telegram notifications go. */
@Entity({ tableName: 'telegram_link' })
export class TelegramLink {
  @PrimaryKey({ type: 'text' })
  staffId!: string;

  /** Telegram chat ids are 64-bit integers; kept as text, the way the Bot API is given them back. */
  @Property({ type: 'text' })
  chatId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  linkedAt!: Date;
}
