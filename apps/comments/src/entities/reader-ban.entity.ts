import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** A reader who may not comment, until a time or (until null) for good; lifting deletes the row. */
@Entity({ tableName: 'reader_ban' })
export class ReaderBan {
  @PrimaryKey({ type: 'text' })
  readerId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  until: Date | null = null;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'text' })
  bannedBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  bannedAt!: Date;
}
