import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { PollTallies } from '../domain/poll-definition';
import { runSql } from './sql';

/** An accepted vote's tallies are the poll's right after its batch, one object per poll and batch. */
export type VoteOutcome =
  | { kind: 'ok'; tallies: PollTallies }
  | { kind: 'not_found' | 'not_open' | 'invalid_choice' | 'already_voted' }
  | { kind: 'vote_cap_reached'; retryAfterSeconds: number };

export interface CastVoteInput {
  pollId: string;
  readerId: string;
  addressHash: string | null;
  optionIds: string[];
  capPerHour: number;
}

interface CastVotesRow {
  ordinal: number | null;
  outcome: string | null;
  retry_after: number | null;
  poll_id: string | null;
  tally_options: string[] | null;
  tally_votes: string[] | null;
  tally_voters: string | null;
}

/** Writes votes: the service's hot path, one statement per batch of votes. */
@Injectable()
export class VotesRepository {
  constructor(private readonly orm: MikroORM) {}

  /**
   * Many votes in one round trip and one transaction (see polls.cast_votes in the migrations), each
   * with the outcome it would have had alone; counters go to `shard`. Throws when the batch failed
   * as a whole: then none of it was written, or, for a lost answer, it is not known.
   */
  async castVotes(ballots: readonly CastVoteInput[], shard: number): Promise<VoteOutcome[]> {
    const payload = JSON.stringify(
      ballots.map((ballot) => ({
        poll: ballot.pollId,
        reader: ballot.readerId,
        address: ballot.addressHash,
        cap: ballot.capPerHour,
        options: ballot.optionIds,
      })),
    );
    const rows = await runSql<CastVotesRow>(
      this.orm.em,
      `select ordinal, outcome, retry_after, poll_id, tally_options, tally_votes, tally_voters
         from polls.cast_votes(?::jsonb, ?)`,
      [payload, shard],
    );
    const tallies = new Map<string, PollTallies>();
    for (const row of rows) {
      if (row.ordinal !== null || row.poll_id === null) continue;
      const votes = new Map<string, number>();
      (row.tally_options ?? []).forEach((id, index) => votes.set(id, Number(row.tally_votes![index])));
      tallies.set(row.poll_id, { votes, voters: Number(row.tally_voters) });
    }
    const outcomes: VoteOutcome[] = new Array<VoteOutcome>(ballots.length);
    for (const row of rows) {
      if (row.ordinal === null) continue;
      outcomes[row.ordinal - 1] = voteOutcomeOf(row, tallies.get(ballots[row.ordinal - 1].pollId));
    }
    for (let index = 0; index < ballots.length; index += 1) {
      if (outcomes[index] === undefined)
        throw new Error(`cast_votes gave no outcome for ballot ${index + 1}`);
    }
    return outcomes;
  }
}

function voteOutcomeOf(row: CastVotesRow, tallies: PollTallies | undefined): VoteOutcome {
  const outcome = row.outcome ?? 'none';
  switch (outcome) {
    case 'ok':
      if (!tallies) throw new Error(`cast_votes accepted a vote on poll without its tallies`);
      return { kind: 'ok', tallies };
    case 'vote_cap_reached':
      return { kind: 'vote_cap_reached', retryAfterSeconds: row.retry_after ?? 3600 };
    case 'not_found':
    case 'not_open':
    case 'invalid_choice':
    case 'already_voted':
      return { kind: outcome };
    default:
      throw new Error(`cast_votes answered an unknown outcome: ${outcome}`);
  }
}
