import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CastVoteRequest,
  CreatePollRequest,
  CurrentPollRequest,
  ListPollsRequest,
  MyVoteReply,
  PollExportReply,
  PollIdRequest,
  PollListReply,
  PollReply,
  PollsSubjects,
  UpdatePollRequest,
} from '@app/contracts';
import { PollDeletedReply, PollsService } from './polls.service';

@Controller()
export class PollsController {
  constructor(private readonly polls: PollsService) {}

  @MessagePattern(PollsSubjects.create)
  create(@Payload() request: CreatePollRequest): Promise<PollReply> {
    return this.polls.create(request);
  }

  @MessagePattern(PollsSubjects.update)
  update(@Payload() request: UpdatePollRequest): Promise<PollReply> {
    return this.polls.update(request);
  }

  @MessagePattern(PollsSubjects.close)
  close(@Payload() request: PollIdRequest): Promise<PollReply> {
    return this.polls.close(request);
  }

  @MessagePattern(PollsSubjects.delete)
  delete(@Payload() request: PollIdRequest): Promise<PollDeletedReply> {
    return this.polls.delete(request);
  }

  @MessagePattern(PollsSubjects.get)
  get(@Payload() request: PollIdRequest): Promise<PollReply> {
    return this.polls.get(request);
  }

  @MessagePattern(PollsSubjects.current)
  current(@Payload() request: CurrentPollRequest): Promise<PollReply> {
    return this.polls.current(request);
  }

  @MessagePattern(PollsSubjects.list)
  list(@Payload() request: ListPollsRequest): Promise<PollListReply> {
    return this.polls.list(request);
  }

  @MessagePattern(PollsSubjects.castVote)
  castVote(@Payload() request: CastVoteRequest): Promise<PollReply> {
    return this.polls.castVote(request);
  }

  @MessagePattern(PollsSubjects.myVote)
  myVote(@Payload() request: PollIdRequest): Promise<MyVoteReply> {
    return this.polls.myVote(request);
  }

  @MessagePattern(PollsSubjects.exportResults)
  exportResults(@Payload() request: PollIdRequest): Promise<PollExportReply> {
    return this.polls.exportResults(request);
  }
}
