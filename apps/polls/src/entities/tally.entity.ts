import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Vote counters split into shards: a vote adds one to a random shard, a read sums them. Concurrent
 * votes on one option then update different rows instead of queueing on one (the hot-row problem),
 * and every increment is a row update in the vote's transaction, never a count kept in memory.
 */
@Entity({ tableName: 'option_tally' })
export class OptionTally {
  @PrimaryKey({ type: 'uuid' })
  pollId!: string;

  @PrimaryKey({ type: 'uuid' })
  optionId!: string;

  @PrimaryKey({ type: 'smallint' })
  shard!: number;

  @Property({ type: 'bigint' })
  votes!: string;
}

/** Ballots per poll, sharded like the option counters. */
@Entity({ tableName: 'voter_tally' })
export class VoterTally {
  @PrimaryKey({ type: 'uuid' })
  pollId!: string;

  @PrimaryKey({ type: 'smallint' })
  shard!: number;

  @Property({ type: 'bigint' })
  voters!: string;
}

/** Votes per client address per poll per clock hour, for the per-address cap. */
@Entity({ tableName: 'address_vote_count' })
export class AddressVoteCount {
  @PrimaryKey({ type: 'uuid' })
  pollId!: string;

  @PrimaryKey({ type: 'text' })
  addressHash!: string;

  @PrimaryKey({ type: 'datetime', columnType: 'timestamptz' })
  hour!: Date;

  @Property({ type: 'integer' })
  votes!: number;
}
