import { Injectable, OnModuleInit } from '@nestjs/common';
import { ARTICLE_ID_PATTERN, Caller, NewComment } from '@app/contracts';
import { FastLane, LaneAnswer, LaneRequest } from '../http/fast-lane/fast-lane';
import { addReaderWrite } from '../http/fast-lane/reader-write.route';
import { gatewayValidationPipe } from '../http/validation.pipe';
import { CallerResolver } from '../identity/caller.resolver';
import { CommentsGateway } from './comments.gateway';

const POST_ROUTE = '/api/v1/articles/:articleId/comments';
/** Article ids as the contracts admit them; anything else (an encoded id) goes the long way. */
const POST_PATH = /^\/api\/v1\/articles\/([A-Za-z0-9._:-]{1,128})\/comments$/;
/** Room for the longest comment in Cyrillic with its author's details; longer bodies go to the route. */
export const COMMENT_LANE_MAX_BODY_BYTES = 16 * 1024;

/**
 * A guest's comment — a reader token and nothing else — is taken in the fast lane: its body goes
 * through the same validation pipe as the route's and then to the same CommentsGateway.post, so
 * refusals and answers are the route's. A portal or staff sign-in, a bad token, a query string or a
 * body the gateway's JSON parser would not admit go to the route, body and all.
 */
@Injectable()
export class CommentPostFastPath implements OnModuleInit {
  private readonly validation = gatewayValidationPipe();

  constructor(
    private readonly lane: FastLane,
    private readonly resolver: CallerResolver,
    private readonly comments: CommentsGateway,
  ) {}

  onModuleInit(): void {
    addReaderWrite(this.lane, this.resolver, {
      route: POST_ROUTE,
      path: POST_PATH,
      maxBodyBytes: COMMENT_LANE_MAX_BODY_BYTES,
      idIsValid: (articleId) => ARTICLE_ID_PATTERN.test(articleId),
      answer: (request, body, caller) => this.post(request, body, caller),
    });
  }

  private async post(request: LaneRequest, body: object, caller: Caller): Promise<LaneAnswer> {
    const comment = (await this.validation.transform(body, {
      type: 'body',
      metatype: NewComment,
    })) as NewComment;
    const posted = await this.comments.post(request.params[0], comment, caller);
    return { status: 201, body: JSON.stringify(posted) };
  }
}
