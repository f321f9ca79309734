import type { Client } from 'pg';

export interface OptionCount {
  optionId: string;
  /** Sum of the option's shard counters. */
  tally: number;
  /** The ballots that chose it. */
  rows: number;
}

export interface VoteCountsCheck {
  pollId: string;
  options: OptionCount[];
  ballots: number;
  /** Sum of the voter shard counters. */
  voterTally: number;
  /** Votes the gateway answered 201. */
  accepted: number;
  pass: boolean;
}

/**
 * After the run, straight from the polls schema: every option's sharded counter equals its vote rows,
 * the voter counter equals the ballots, and the ballots equal the votes that were answered 201.
 */
export async function checkVoteCounts(
  client: Client,
  pollId: string,
  optionIds: string[],
  accepted: number,
): Promise<VoteCountsCheck> {
  const tallies = await client.query<{ option_id: string; votes: string }>(
    `select option_id, sum(votes) as votes from polls.option_tally where poll_id = $1 group by option_id`,
    [pollId],
  );
  const rows = await client.query<{ option_id: string; rows: string }>(
    `select c.option_id, count(*) as rows
       from polls.ballot b cross join unnest(b.option_ids) as c(option_id)
      where b.poll_id = $1 group by c.option_id`,
    [pollId],
  );
  const ballots = await client.query<{ count: string }>(
    `select count(*) as count from polls.ballot where poll_id = $1`,
    [pollId],
  );
  const voters = await client.query<{ voters: string | null }>(
    `select sum(voters) as voters from polls.voter_tally where poll_id = $1`,
    [pollId],
  );
  const tallyOf = new Map(tallies.rows.map((row) => [row.option_id, Number(row.votes)]));
  const rowsOf = new Map(rows.rows.map((row) => [row.option_id, Number(row.rows)]));
  const options = optionIds.map((optionId) => ({
    optionId,
    tally: tallyOf.get(optionId) ?? 0,
    rows: rowsOf.get(optionId) ?? 0,
  }));
  const ballotCount = Number(ballots.rows[0].count);
  const voterTally = Number(voters.rows[0].voters ?? 0);
  const strays = [...tallyOf.keys(), ...rowsOf.keys()].some((id) => !optionIds.includes(id));
  return {
    pollId,
    options,
    ballots: ballotCount,
    voterTally,
    accepted,
    pass:
      !strays &&
      options.every((option) => option.tally === option.rows) &&
      voterTally === ballotCount &&
      ballotCount === accepted,
  };
}
