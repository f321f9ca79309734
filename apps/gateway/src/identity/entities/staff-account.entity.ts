import { randomUUID } from 'node:crypto';
import { ArrayType, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { Role, StaffLocale } from '@app/contracts';

@Entity({ tableName: 'staff_account' })
export class StaffAccount {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Stored lower-cased; unique. */
  @Property({ type: 'text', unique: 'staff_account_email_key' })
  email: string;

  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash: string;

  @Property({ type: ArrayType })
  roles: Role[];

  /** The language of their notifications. */
  @Property({ type: 'text', default: 'ru' })
  locale: StaffLocale = 'ru';

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
