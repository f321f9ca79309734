import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  Caller,
  SubmissionMessageView,
  SubmissionReceiptView,
  SubmitterMessage,
  TrackingView,
} from '@app/contracts';
import { CurrentCaller } from '../identity/access.decorators';
import { negotiateLanguage } from '../http/language.negotiation';
import { IDEMPOTENCY_KEY_HEADER, idempotencyKeyOf } from './idempotency-key';
import { isMultipartForm, releaseUnreadBody } from './unread-body';
import { NotMultipartError } from './submission.errors';
import { SUBMISSION_FORM_SCHEMA } from './submission-form.openapi';
import { SubmissionIntake } from './submission-intake';
import { SubmissionsGateway } from './submissions.gateway';

/** What readers do: send news with files, and follow it with the tracking code. */
@ApiTags('submissions')
@Controller('api/v1/submissions')
export class SubmissionsController {
  constructor(
    private readonly intake: SubmissionIntake,
    private readonly submissions: SubmissionsGateway,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: SUBMISSION_FORM_SCHEMA })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: '1–255 visible ASCII characters: a retry with the same key and form gets the first answer',
  })
  @ApiCreatedResponse({
    type: SubmissionReceiptView,
    description: 'Keep the tracking code: it is shown once',
  })
  @ApiPayloadTooLargeResponse({
    description: 'A field, a file, the files together or their count is over its limit',
  })
  @ApiUnsupportedMediaTypeResponse({
    description: 'Not multipart/form-data, or a file that is none of the kinds',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'The submission was refused (website filled in), or the Idempotency-Key was used for another one',
  })
  @ApiTooManyRequestsResponse({ description: 'Too many submissions from this address this hour' })
  async submit(
    @Req() request: FastifyRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<SubmissionReceiptView> {
    try {
      if (!isMultipartForm(request.headers['content-type'])) throw new NotMultipartError();
      const idempotencyKey = idempotencyKeyOf(request.headers[IDEMPOTENCY_KEY_HEADER]);
      const acceptLanguage = request.headers['accept-language'];
      return await this.intake.receive(request.raw, {
        caller,
        idempotencyKey,
        ...(acceptLanguage ? { language: negotiateLanguage(acceptLanguage) } : {}),
      });
    } catch (error) {
      releaseUnreadBody(request.raw);
      throw error;
    }
  }

  @Get('track/:trackingCode')
  @ApiOkResponse({
    type: TrackingView,
    description: 'Status and messages; no contact data, notes or assignee',
  })
  @ApiNotFoundResponse({ description: 'No submission has this tracking code' })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong codes from this address this hour' })
  track(@Param('trackingCode') trackingCode: string, @CurrentCaller() caller: Caller): Promise<TrackingView> {
    return this.submissions.track(trackingCode, caller);
  }

  @Post('track/:trackingCode/messages')
  @HttpCode(201)
  @ApiCreatedResponse({
    type: SubmissionMessageView,
    description: 'The message, as the newsroom will see it',
  })
  @ApiNotFoundResponse({ description: 'No submission has this tracking code' })
  @ApiUnprocessableEntityResponse({ description: 'The submission is rejected, spam or published' })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong codes from this address this hour' })
  answer(
    @Param('trackingCode') trackingCode: string,
    @Body() message: SubmitterMessage,
    @CurrentCaller() caller: Caller,
  ): Promise<SubmissionMessageView> {
    return this.submissions.answer(trackingCode, message, caller);
  }
}
