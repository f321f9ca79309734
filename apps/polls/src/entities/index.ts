import { Ballot } from './ballot.entity';
import { BallotChoice } from './ballot-choice.entity';
import { Poll } from './poll.entity';
import { PollOption } from './poll-option.entity';
import { AddressVoteCount, OptionTally, VoterTally } from './tally.entity';

export { Ballot, BallotChoice, Poll, PollOption, AddressVoteCount, OptionTally, VoterTally };

export const POLLS_ENTITIES = [
  Poll,
  PollOption,
  Ballot,
  BallotChoice,
  OptionTally,
  VoterTally,
  AddressVoteCount,
];
