import { reply, rpcOperation } from '../rpc/rpc-operation';
import {
  CastVoteRequest,
  CastVotesReply,
  CastVotesRequest,
  CreatePollRequest,
  CurrentPollRequest,
  ListPollsRequest,
  MyVoteReply,
  PollDeletedReply,
  PollExportReply,
  PollIdRequest,
  PollListReply,
  PollReply,
  UpdatePollRequest,
} from './poll.commands';

/** The polls service's operations. Every reply is already shaped for the caller in the request. */
export const PollsRpc = {
  create: rpcOperation('polls.poll.create', CreatePollRequest, reply<PollReply>('PollReply')),
  update: rpcOperation('polls.poll.update', UpdatePollRequest, reply<PollReply>('PollReply')),
  close: rpcOperation('polls.poll.close', PollIdRequest, reply<PollReply>('PollReply')),
  delete: rpcOperation('polls.poll.delete', PollIdRequest, reply<PollDeletedReply>('PollDeletedReply')),
  get: rpcOperation('polls.poll.get', PollIdRequest, reply<PollReply>('PollReply')),
  current: rpcOperation('polls.poll.current', CurrentPollRequest, reply<PollReply>('PollReply')),
  list: rpcOperation('polls.poll.list', ListPollsRequest, reply<PollListReply>('PollListReply')),
  castVote: rpcOperation('polls.vote.cast', CastVoteRequest, reply<PollReply>('PollReply')),
  castVotes: rpcOperation('polls.vote.cast_many', CastVotesRequest, reply<CastVotesReply>('CastVotesReply')),
  myVote: rpcOperation('polls.vote.mine', PollIdRequest, reply<MyVoteReply>('MyVoteReply')),
  exportResults: rpcOperation(
    'polls.results.export',
    PollIdRequest,
    reply<PollExportReply>('PollExportReply'),
  ),
} as const;
