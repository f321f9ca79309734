import { eventOf, PollClosedV1, type PollSnapshot } from '@app/contracts';
import { largestRemainderPercents } from './percent-rounding';

/** What a poll is, without its results: what the vote path checks a ballot against. */
export type PollDefinition = Omit<PollSnapshot, 'totalVotes' | 'totalVoters' | 'options'> & {
  /** In the editor's order. */
  options: { id: string; text: string }[];
};

export interface PollTallies {
  /** Votes per option id; an option missing here has none. */
  votes: ReadonlyMap<string, number>;
  voters: number;
}

/** The poll with its results and integer percents (largest remainder, summing to 100). */
export function snapshotOf(definition: PollDefinition, tallies: PollTallies): PollSnapshot {
  const votes = definition.options.map((option) => tallies.votes.get(option.id) ?? 0);
  const percents = largestRemainderPercents(votes);
  return {
    id: definition.id,
    question: definition.question,
    multipleChoice: definition.multipleChoice,
    maxChoices: definition.maxChoices,
    opensAt: definition.opensAt,
    closesAt: definition.closesAt,
    resultsVisibility: definition.resultsVisibility,
    placement: definition.placement,
    articleId: definition.articleId,
    createdAt: definition.createdAt,
    totalVotes: votes.reduce((sum, count) => sum + count, 0),
    totalVoters: tallies.voters,
    options: definition.options.map((option, index) => ({
      id: option.id,
      text: option.text,
      votes: votes[index],
      percent: percents[index],
    })),
  };
}

/** The `poll.closed` event: the final results as they stood when the poll closed. */
export function closedEventOf(snapshot: PollSnapshot, closedAt: string): PollClosedV1 {
  return eventOf(PollClosedV1, {
    pollId: snapshot.id,
    question: snapshot.question,
    closedAt,
    totalVotes: snapshot.totalVotes,
    totalVoters: snapshot.totalVoters,
    options: snapshot.options.map(({ id, text, votes, percent }) => ({ id, text, votes, percent })),
  });
}
