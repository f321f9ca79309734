import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** A reader who asked for no more email, known only by a keyed hash of their address. */
@Entity({ tableName: 'unsubscribed' })
export class Unsubscribed {
  @PrimaryKey({ type: 'text' })
  emailHash!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;
}
