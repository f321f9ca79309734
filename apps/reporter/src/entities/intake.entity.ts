import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** An upload in progress, held by one copy of the service (the one whose chunk subject the gateway uses). */
@Entity({ tableName: 'intake' })
@Index({ name: 'intake_created_idx', properties: ['createdAt'] })
@Index({ name: 'intake_owner_idx', properties: ['ownerInstance'] })
export class Intake {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  ownerInstance!: string;

  @Property({ type: 'text' })
  addressHash!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;
}
