import { CastVoteRequest, PollsRpc, VoteCounted } from '@app/contracts';
import { BatchForwarder, NatsRpcClient } from '@app/messaging';
import { GroupCommitOptions } from '@app/persistence';

/**
 * Sends votes to the polls service in batches (see BatchForwarder), always as `polls.vote.cast_many`
 * so that every vote is answered with its counts, a batch of one included.
 */
export class VoteForwarder {
  private readonly forwarder: BatchForwarder<CastVoteRequest, VoteCounted>;

  constructor(rpc: NatsRpcClient, options: GroupCommitOptions) {
    this.forwarder = new BatchForwarder(options, {
      many: async (votes) => (await rpc.call(PollsRpc.castVotes, { votes })).outcomes,
    });
  }

  cast(vote: CastVoteRequest): Promise<VoteCounted> {
    return this.forwarder.send(vote);
  }
}
