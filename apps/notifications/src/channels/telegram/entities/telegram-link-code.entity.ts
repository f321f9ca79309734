import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** A one-time code a staff member sends to the bot; stored only as a keyed hash. */
@Entity({ tableName: 'telegram_link_code' })
export class TelegramLinkCode {
  @PrimaryKey({ type: 'text' })
  codeHash!: string;

  @Index()
  @Property({ type: 'uuid' })
  staffId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;
}
