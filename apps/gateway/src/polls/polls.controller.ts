import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  Caller,
  CurrentPollQuery,
  PollChanges,
  PollDraft,
  PollListQuery,
  PollPage,
  PollView,
  VoteBallot,
} from '@app/contracts';
import { CurrentCaller, RequireReader, RequireRole } from '../identity/access.decorators';
import { UuidParam } from '../http/uuid.param';
import { openSseStream, SseStream } from '../http/sse.stream';
import { LimitStreamsPerAddress } from '../http/stream-quota.interceptor';
import { PollsGateway } from './polls.gateway';
import { PollLiveHub } from './poll-live.hub';
import { resultsCsv } from './results.csv';

@ApiTags('polls')
@Controller('api/v1/polls')
export class PollsController {
  constructor(
    private readonly polls: PollsGateway,
    private readonly live: PollLiveHub,
  ) {}

  @Post()
  @RequireRole('editor')
  @HttpCode(201)
  @ApiCreatedResponse({ type: PollView })
  create(@Body() draft: PollDraft, @CurrentCaller() caller: Caller): Promise<PollView> {
    return this.polls.create(draft, caller);
  }

  @Get('current')
  @ApiOkResponse({ type: PollView, description: 'The newest open poll for the placement' })
  @ApiNotFoundResponse({ description: 'No open poll for this placement' })
  current(@Query() query: CurrentPollQuery, @CurrentCaller() caller: Caller): Promise<PollView> {
    return this.polls.current(query.placement ?? 'sidebar', caller);
  }

  @Get()
  @ApiOkResponse({ type: PollPage, description: 'The archive, newest first' })
  list(@Query() query: PollListQuery, @CurrentCaller() caller: Caller): Promise<PollPage> {
    return this.polls.list(query, caller);
  }

  @Get(':id')
  @ApiOkResponse({ type: PollView })
  @ApiNotFoundResponse()
  get(@Param('id', UuidParam) id: string, @CurrentCaller() caller: Caller): Promise<PollView> {
    return this.polls.get(id, caller);
  }

  @Patch(':id')
  @RequireRole('editor')
  @ApiOkResponse({ type: PollView })
  @ApiConflictResponse({ description: 'Options cannot be removed once votes exist' })
  update(
    @Param('id', UuidParam) id: string,
    @Body() changes: PollChanges,
    @CurrentCaller() caller: Caller,
  ): Promise<PollView> {
    return this.polls.update(id, changes, caller);
  }

  @Post(':id/close')
  @RequireRole('editor')
  @HttpCode(200)
  @ApiOkResponse({ type: PollView })
  @ApiConflictResponse({ description: 'The poll is already closed' })
  close(@Param('id', UuidParam) id: string, @CurrentCaller() caller: Caller): Promise<PollView> {
    return this.polls.close(id, caller);
  }

  @Delete(':id')
  @RequireRole('editor')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@Param('id', UuidParam) id: string, @CurrentCaller() caller: Caller): Promise<void> {
    await this.polls.delete(id, caller);
  }

  @Post(':id/votes')
  @RequireReader()
  @HttpCode(201)
  @ApiCreatedResponse({ type: PollView, description: 'The vote counted; the poll with its results' })
  @ApiConflictResponse({ description: 'This reader already voted' })
  @ApiUnprocessableEntityResponse({ description: 'The poll is not open' })
  @ApiTooManyRequestsResponse({ description: 'This address passed the per-poll cap' })
  vote(
    @Param('id', UuidParam) id: string,
    @Body() ballot: VoteBallot,
    @CurrentCaller() caller: Caller,
  ): Promise<PollView> {
    return this.polls.vote(id, ballot, caller);
  }

  @Get(':id/live')
  @LimitStreamsPerAddress()
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'Server-Sent Events: `results` with the poll whenever its results change' })
  async liveResults(
    @Param('id', UuidParam) id: string,
    @CurrentCaller() caller: Caller,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const initial = await this.polls.get(id, caller);
    const opened: { sse?: SseStream } = {};
    // Joined before the stream opens, so a copy at its stream limit can still answer with a problem.
    const leave = this.live.join(id, {
      refresh: async () => opened.sse?.send('results', await this.polls.get(id, caller)),
      close: () => opened.sse?.close(),
    });
    const sse = openSseStream(request, reply);
    opened.sse = sse;
    sse.onClose(leave);
    sse.send('results', initial);
  }

  @Get(':id/results.csv')
  @RequireRole('editor')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'option, votes, percent; then votes per hour and option' })
  async exportCsv(
    @Param('id', UuidParam) id: string,
    @CurrentCaller() caller: Caller,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const exported = await this.polls.exportResults(id, caller);
    await reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="poll-${id}-results.csv"`)
      .send(resultsCsv(exported));
  }
}
