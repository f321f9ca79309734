import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Where reading the bot's updates goes on: the next `getUpdates` offset, per bot. */
@Entity({ tableName: 'telegram_poll_state' })
export class TelegramPollState {
  /** The bot's numeric id (the token's first part), so a new bot starts from its own beginning. */
  @PrimaryKey({ type: 'text' })
  botId!: string;

  @Property({ type: 'bigint' })
  nextOffset!: string;
}
