import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPreconditionFailedResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  Caller,
  DeskListQuery,
  DeskSubmissionPageView,
  DeskSubmissionView,
  SubmissionAssignBody,
  SubmissionNoteBody,
  SubmissionTransitionBody,
} from '@app/contracts';
import { CurrentCaller, RequireRole } from '../identity/access.decorators';
import { UuidParam } from '../http/uuid.param';
import { AttachmentDownload } from './attachment-download';
import { expectedVersionOf, versionTag } from './if-match';
import { SubmissionsGateway } from './submissions.gateway';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The ETag of the detail ("<version>"): the change is refused (412) if the submission moved on',
};

/** The newsroom's side of submissions: the desk list, a submission in full, its life and its files. */
@ApiTags('submissions desk')
@Controller('api/v1/moderation/submissions')
export class SubmissionDeskController {
  constructor(
    private readonly submissions: SubmissionsGateway,
    private readonly downloads: AttachmentDownload,
  ) {}

  @Get()
  @RequireRole('moderator')
  @ApiOkResponse({ type: DeskSubmissionPageView, description: 'Newest first; no contact data' })
  list(@Query() query: DeskListQuery, @CurrentCaller() caller: Caller): Promise<DeskSubmissionPageView> {
    return this.submissions.list(query, caller);
  }

  @Get(':id')
  @RequireRole('moderator')
  @ApiOkResponse({
    type: DeskSubmissionView,
    description: 'With contact data, files, messages, notes, history; ETag',
  })
  @ApiNotFoundResponse()
  async get(
    @Param('id', UuidParam) id: string,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DeskSubmissionView> {
    return tagged(reply, await this.submissions.get(id, caller));
  }

  @Post(':id/transition')
  @RequireRole('moderator')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: DeskSubmissionView })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The state machine does not allow this move' })
  @ApiPreconditionFailedResponse({ description: 'If-Match names a version the submission moved past' })
  @ApiUnprocessableEntityResponse({ description: 'needs_info without a message to the submitter' })
  async transition(
    @Param('id', UuidParam) id: string,
    @Body() change: SubmissionTransitionBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DeskSubmissionView> {
    const expected = expectedVersionOf(ifMatch);
    return tagged(reply, await this.submissions.transition(id, change, expected, caller));
  }

  @Post(':id/assign')
  @RequireRole('moderator')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: DeskSubmissionView })
  @ApiNotFoundResponse()
  @ApiPreconditionFailedResponse({ description: 'If-Match names a version the submission moved past' })
  async assign(
    @Param('id', UuidParam) id: string,
    @Body() body: SubmissionAssignBody,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DeskSubmissionView> {
    const expected = expectedVersionOf(ifMatch);
    return tagged(reply, await this.submissions.assign(id, body, expected, caller));
  }

  @Post(':id/notes')
  @RequireRole('moderator')
  @HttpCode(201)
  @ApiCreatedResponse({ type: DeskSubmissionView, description: 'The submission with the note added' })
  @ApiNotFoundResponse()
  async note(
    @Param('id', UuidParam) id: string,
    @Body() note: SubmissionNoteBody,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DeskSubmissionView> {
    return tagged(reply, await this.submissions.note(id, note, caller));
  }

  @Get(':id/attachments/:attachmentId')
  @RequireRole('moderator')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({
    description:
      'The file as stored (metadata removed), always as a download: Content-Disposition attachment, ' +
      "nosniff, Content-Security-Policy default-src 'none'; sandbox, and the type recognised from its bytes",
  })
  @ApiNotFoundResponse()
  async attachment(
    @Param('id', UuidParam) id: string,
    @Param('attachmentId', UuidParam) attachmentId: string,
    @CurrentCaller() caller: Caller,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const download = await this.downloads.open(id, attachmentId, caller);
    await reply.headers(download.headers).send(download.body);
  }
}

function tagged(reply: FastifyReply, submission: DeskSubmissionView): DeskSubmissionView {
  void reply.header('ETag', versionTag(submission.version));
  return submission;
}
