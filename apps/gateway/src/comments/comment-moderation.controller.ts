import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ArticleCommentSettingsChange,
  ArticleCommentSettingsView,
  Caller,
  CommentDecision,
  CommentSettingsChange,
  CommentSettingsView,
  ModerationCommentView,
  ModerationCountsView,
  ModerationPageView,
  ModerationQueueQuery,
  ReaderBan,
  ReaderBanView,
} from '@app/contracts';
import { openSseStream, SseStream } from '../http/sse.stream';
import { LimitStreamsPerAddress } from '../http/stream-quota.interceptor';
import { CurrentCaller, RequireRole } from '../identity/access.decorators';
import { UuidParam } from '../http/uuid.param';
import { ArticleIdParam } from './article-id.param';
import { ReaderErasedView } from './comment-replies.openapi';
import { CommentsGateway } from './comments.gateway';
import { ModerationLiveHub } from './moderation-live.hub';
import { ReaderIdParam } from './reader-id.param';

/** The newsroom's side of comments: queues, decisions, bans, settings, and a reader's erasure. */
@ApiTags('comments moderation')
@Controller('api/v1')
export class CommentModerationController {
  constructor(
    private readonly comments: CommentsGateway,
    private readonly live: ModerationLiveHub,
  ) {}

  @Get('moderation/comments')
  @RequireRole('moderator')
  @ApiOkResponse({ type: ModerationPageView, description: 'Newest first, with flags, holds and decisions' })
  queue(@Query() query: ModerationQueueQuery, @CurrentCaller() caller: Caller): Promise<ModerationPageView> {
    return this.comments.queue(query, caller);
  }

  @Get('moderation/comments/counts')
  @RequireRole('moderator')
  @ApiOkResponse({ type: ModerationCountsView, description: 'Comments in each queue now' })
  counts(@CurrentCaller() caller: Caller): Promise<ModerationCountsView> {
    return this.comments.queueCounts(caller);
  }

  @Get('moderation/comments/stream')
  @RequireRole('moderator')
  @LimitStreamsPerAddress()
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'Server-Sent Events: `counts` `{ pending, flagged, rejected }` at once, then whenever they change ' +
      '(at most once per COMMENTS_LIVE_INTERVAL_MS)',
  })
  @ApiServiceUnavailableResponse({ description: 'This gateway copy serves as many streams as it may' })
  async stream(
    @CurrentCaller() caller: Caller,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const initial = await this.comments.queueCounts(caller);
    const opened: { sse?: SseStream } = {};
    // Joined before the stream opens, so a copy at its stream limit can still answer with a problem.
    const leave = this.live.join(
      {
        caller,
        send: (counts) => opened.sse?.send('counts', counts),
        close: () => opened.sse?.close(),
      },
      initial,
    );
    const sse = openSseStream(request, reply);
    opened.sse = sse;
    sse.onClose(leave);
    sse.send('counts', initial);
  }

  @Post('moderation/comments/:id/decision')
  @RequireRole('moderator')
  @HttpCode(200)
  @ApiOkResponse({ type: ModerationCommentView, description: 'The comment with every decision so far' })
  @ApiNotFoundResponse()
  decide(
    @Param('id', UuidParam) id: string,
    @Body() decision: CommentDecision,
    @CurrentCaller() caller: Caller,
  ): Promise<ModerationCommentView> {
    return this.comments.decide(id, decision, caller);
  }

  @Post('moderation/readers/:readerId/ban')
  @RequireRole('moderator')
  @HttpCode(200)
  @ApiOkResponse({ type: ReaderBanView, description: 'The ban in force (a new one replaces the old)' })
  ban(
    @Param('readerId', ReaderIdParam) readerId: string,
    @Body() ban: ReaderBan,
    @CurrentCaller() caller: Caller,
  ): Promise<ReaderBanView> {
    return this.comments.ban(readerId, ban, caller);
  }

  @Delete('moderation/readers/:readerId/ban')
  @RequireRole('moderator')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'The reader is not banned' })
  async liftBan(
    @Param('readerId', ReaderIdParam) readerId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    await this.comments.liftBan(readerId, caller);
  }

  @Get('moderation/comment-settings')
  @RequireRole('moderator')
  @ApiOkResponse({ type: CommentSettingsView })
  settings(@CurrentCaller() caller: Caller): Promise<CommentSettingsView> {
    return this.comments.settings(caller);
  }

  @Put('moderation/comment-settings')
  @RequireRole('moderator')
  @ApiOkResponse({ type: CommentSettingsView, description: 'A field left out keeps its value' })
  updateSettings(
    @Body() settings: CommentSettingsChange,
    @CurrentCaller() caller: Caller,
  ): Promise<CommentSettingsView> {
    return this.comments.updateSettings(settings, caller);
  }

  @Get('articles/:articleId/comment-settings')
  @RequireRole('moderator')
  @ApiOkResponse({ type: ArticleCommentSettingsView })
  articleSettings(
    @Param('articleId', ArticleIdParam) articleId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<ArticleCommentSettingsView> {
    return this.comments.articleSettings(articleId, caller);
  }

  @Put('articles/:articleId/comment-settings')
  @RequireRole('moderator')
  @ApiOkResponse({ type: ArticleCommentSettingsView })
  updateArticleSettings(
    @Param('articleId', ArticleIdParam) articleId: string,
    @Body() settings: ArticleCommentSettingsChange,
    @CurrentCaller() caller: Caller,
  ): Promise<ArticleCommentSettingsView> {
    return this.comments.updateArticleSettings(articleId, settings, caller);
  }

  /** Right to erasure: every comment of the reader becomes a tombstone, their emails and names are removed. */
  @Post('admin/readers/:readerId/erasure')
  @RequireRole('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: ReaderErasedView })
  erase(
    @Param('readerId', ReaderIdParam) readerId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<ReaderErasedView> {
    return this.comments.eraseReader(readerId, caller);
  }
}
