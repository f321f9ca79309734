import { IsArray, IsBoolean, IsEmail, IsIn, IsUUID } from 'class-validator';
import { EventType } from '../events/event-type';
import { ROLES, Role } from '../identity/roles';

export const STAFF_LOCALES = ['ru', 'en'] as const;
export type StaffLocale = (typeof STAFF_LOCALES)[number];

/**
 * A staff account was created, changed or removed. Staff accounts live in the gateway's schema; the
 * notifications service keeps its own directory from these (no service reads another's schema).
 */
@EventType('staff.account_changed', 1, { publisher: 'gateway' })
export class StaffAccountChangedV1 {
  @IsUUID()
  staffId: string;

  @IsEmail()
  email: string;

  @IsArray()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @IsIn(STAFF_LOCALES)
  locale: StaffLocale;

  @IsBoolean()
  deleted: boolean;
}
