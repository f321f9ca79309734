import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { StaffNoticeType } from '@app/contracts';

/** A staff member's channels for one kind of notice; no row means every channel. */
@Entity({ tableName: 'preference' })
export class Preference {
  @PrimaryKey({ type: 'uuid' })
  staffId!: string;

  @PrimaryKey({ type: 'text' })
  type!: StaffNoticeType;

  @Property({ type: 'boolean' })
  inApp!: boolean;

  @Property({ type: 'boolean' })
  email!: boolean;

  @Property({ type: 'boolean' })
  telegram!: boolean;
}
