import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  Caller,
  CommentCountsQuery,
  CommentCountsView,
  CommentEdit,
  CommentFlag,
  CommentListQuery,
  CommentListView,
  CommentView,
  NewComment,
  PostedCommentView,
  ReactionChoice,
} from '@app/contracts';
import { CurrentCaller, RequireReader } from '../identity/access.decorators';
import { UuidParam } from '../http/uuid.param';
import { ArticleIdParam } from './article-id.param';
import { FlagAcceptedView, ReactionReplyView } from './comment-replies.openapi';
import { CommentsGateway } from './comments.gateway';

/** What readers do with comments: read, count, post, edit and delete their own, like, flag. */
@ApiTags('comments')
@Controller('api/v1')
export class CommentsController {
  constructor(private readonly comments: CommentsGateway) {}

  @Get('articles/:articleId/comments')
  @ApiOkResponse({ type: CommentListView, description: 'Published top-level comments with their replies' })
  list(
    @Param('articleId', ArticleIdParam) articleId: string,
    @Query() query: CommentListQuery,
    @CurrentCaller() caller: Caller,
  ): Promise<CommentListView> {
    return this.comments.list(articleId, query, caller);
  }

  @Get('comments/counts')
  @ApiOkResponse({ type: CommentCountsView, description: 'Published comments per article' })
  counts(@Query() query: CommentCountsQuery, @CurrentCaller() caller: Caller): Promise<CommentCountsView> {
    return this.comments.counts(query, caller);
  }

  @Post('articles/:articleId/comments')
  @RequireReader()
  @HttpCode(201)
  @ApiCreatedResponse({ type: PostedCommentView, description: '`pending` when it waits for a moderator' })
  @ApiConflictResponse({ description: 'The same comment was posted a moment ago' })
  @ApiUnprocessableEntityResponse({ description: 'Comments closed, the author banned, or a banned word' })
  @ApiTooManyRequestsResponse({ description: 'Too many comments from this reader or address' })
  post(
    @Param('articleId', ArticleIdParam) articleId: string,
    @Body() comment: NewComment,
    @CurrentCaller() caller: Caller,
  ): Promise<PostedCommentView> {
    return this.comments.post(articleId, comment, caller);
  }

  @Patch('comments/:id')
  @RequireReader()
  @ApiOkResponse({ type: CommentView })
  @ApiNotFoundResponse()
  @ApiUnprocessableEntityResponse({ description: 'The edit window has passed' })
  edit(
    @Param('id', UuidParam) id: string,
    @Body() edit: CommentEdit,
    @CurrentCaller() caller: Caller,
  ): Promise<CommentView> {
    return this.comments.edit(id, edit, caller);
  }

  /** Its author (a reader) or a moderator; the comments service decides which. */
  @Delete('comments/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed, or kept as a tombstone when it has published replies' })
  @ApiNotFoundResponse()
  async remove(@Param('id', UuidParam) id: string, @CurrentCaller() caller: Caller): Promise<void> {
    await this.comments.delete(id, caller);
  }

  @Put('comments/:id/reaction')
  @RequireReader()
  @ApiOkResponse({
    type: ReactionReplyView,
    description: 'One reaction per reader; sending it again changes nothing',
  })
  @ApiNotFoundResponse()
  react(
    @Param('id', UuidParam) id: string,
    @Body() reaction: ReactionChoice,
    @CurrentCaller() caller: Caller,
  ): Promise<ReactionReplyView> {
    return this.comments.react(id, reaction, caller);
  }

  @Delete('comments/:id/reaction')
  @RequireReader()
  @ApiOkResponse({ type: ReactionReplyView })
  @ApiNotFoundResponse()
  unreact(@Param('id', UuidParam) id: string, @CurrentCaller() caller: Caller): Promise<ReactionReplyView> {
    return this.comments.unreact(id, caller);
  }

  @Post('comments/:id/flags')
  @RequireReader()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: FlagAcceptedView })
  @ApiConflictResponse({ description: 'This reader already flagged the comment' })
  @ApiNotFoundResponse()
  flag(
    @Param('id', UuidParam) id: string,
    @Body() flag: CommentFlag,
    @CurrentCaller() caller: Caller,
  ): Promise<FlagAcceptedView> {
    return this.comments.flag(id, flag, caller);
  }
}
