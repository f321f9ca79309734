import { ArrayType, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { Role, StaffLocale } from '@app/contracts';

/** A staff member as the gateway last announced them (staff.account_changed). */
@Entity({ tableName: 'recipient' })
export class Recipient {
  @PrimaryKey({ type: 'uuid' })
  staffId!: string;

  @Property({ type: 'text' })
  email!: string;

  @Property({ type: ArrayType })
  roles!: Role[];

  @Property({ type: 'text' })
  locale!: StaffLocale;

  @Property({ type: 'boolean', default: false })
  deleted: boolean = false;

  /** Set when they linked a Telegram chat to their account. */
  @Property({ type: 'text', nullable: true })
  telegramChatId: string | null = null;

  /** When the announcement this row reflects happened; an older one arriving late changes nothing. */
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  changedAt!: Date;
}
