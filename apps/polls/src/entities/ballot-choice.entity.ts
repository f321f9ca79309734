import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** The options of one ballot: the rows the tallies must always equal, and what exports count by hour. */
@Entity({ tableName: 'ballot_choice' })
export class BallotChoice {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'bigint' })
  ballotId!: string;

  @PrimaryKey({ type: 'uuid' })
  optionId!: string;

  @Property({ type: 'uuid' })
  pollId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;
}
