import { Controller } from '@nestjs/common';
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
  PollsRpc,
  UpdatePollRequest,
} from '@app/contracts';
import { HandlesRpc } from '@app/messaging';
import { PollsService } from './polls.service';

@Controller()
export class PollsController {
  constructor(private readonly polls: PollsService) {}

  @HandlesRpc(PollsRpc.create)
  create(request: CreatePollRequest): Promise<PollReply> {
    return this.polls.create(request);
  }

  @HandlesRpc(PollsRpc.update)
  update(request: UpdatePollRequest): Promise<PollReply> {
    return this.polls.update(request);
  }

  @HandlesRpc(PollsRpc.close)
  close(request: PollIdRequest): Promise<PollReply> {
    return this.polls.close(request);
  }

  @HandlesRpc(PollsRpc.delete)
  delete(request: PollIdRequest): Promise<PollDeletedReply> {
    return this.polls.delete(request);
  }

  @HandlesRpc(PollsRpc.get)
  get(request: PollIdRequest): Promise<PollReply> {
    return this.polls.get(request);
  }

  @HandlesRpc(PollsRpc.current)
  current(request: CurrentPollRequest): Promise<PollReply> {
    return this.polls.current(request);
  }

  @HandlesRpc(PollsRpc.list)
  list(request: ListPollsRequest): Promise<PollListReply> {
    return this.polls.list(request);
  }

  @HandlesRpc(PollsRpc.castVote)
  castVote(request: CastVoteRequest): Promise<PollReply> {
    return this.polls.castVote(request);
  }

  @HandlesRpc(PollsRpc.castVotes)
  castVotes(request: CastVotesRequest): Promise<CastVotesReply> {
    return this.polls.castVotes(request);
  }

  @HandlesRpc(PollsRpc.myVote)
  myVote(request: PollIdRequest): Promise<MyVoteReply> {
    return this.polls.myVote(request);
  }

  @HandlesRpc(PollsRpc.exportResults)
  exportResults(request: PollIdRequest): Promise<PollExportReply> {
    return this.polls.exportResults(request);
  }
}
