import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * One reader's vote in one poll. The unique key is what enforces one vote per reader: the vote path
 * inserts and lets a conflict answer "already voted", it never checks first. `readerId` and
 * `addressHash` arrive as keyed hashes and are stored as they are.
 */
@Entity({ tableName: 'ballot' })
@Unique({ name: 'ballot_one_per_reader', properties: ['pollId', 'readerId'] })
export class Ballot {
  [OptionalProps]?: 'createdAt' | 'addressHash';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  pollId!: string;

  @Property({ type: 'text' })
  readerId!: string;

  @Property({ type: 'text', nullable: true })
  addressHash?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;
}
