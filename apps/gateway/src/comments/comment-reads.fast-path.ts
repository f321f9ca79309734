import { Injectable, OnModuleInit } from '@nestjs/common';
import { ARTICLE_ID_PATTERN, COMMENT_LIMITS, CommentListReply } from '@app/contracts';
import { FastLane, LaneAnswer, LaneRequest } from '../http/fast-lane/fast-lane';
import { CommentCountCache } from './comment-count.cache';
import { CommentPageCache } from './comment-page.cache';
import { cacheableSortOfRaw } from './public-first-page';

const LIST_ROUTE = '/api/v1/articles/:articleId/comments';
const COUNTS_ROUTE = '/api/v1/comments/counts';
/** Article ids as the contracts admit them (no percent sign: an encoded id goes the long way). */
const LIST_PATH = /^\/api\/v1\/articles\/([A-Za-z0-9._:-]{1,128})\/comments$/;
const COUNTS_PATH = /^\/api\/v1\/comments\/counts$/;

/**
 * The first page of an article's comments is read on every page view of every story, and the counts on
 * every article list. When the answer is already in this copy's memory it is given in the fast lane,
 * before Fastify and Nest: a first page only to a caller who sends no
 * credentials at all (a reader's token or a sign-in would make the page theirs: their reactions, their
 * own comments), counts to anyone (they are the same for all). Anything else — a miss, a cursor or page
 * size, a malformed id or query — goes on to the route, which gives the same answer.
 */
@Injectable()
export class CommentReadsFastPath implements OnModuleInit {
  constructor(
    private readonly lane: FastLane,
    private readonly pages: CommentPageCache<CommentListReply>,
    private readonly counts: CommentCountCache,
  ) {}

  onModuleInit(): void {
    this.lane.add({
      method: 'GET',
      route: LIST_ROUTE,
      path: LIST_PATH,
      answer: (request) => ok(this.firstPage(request)),
    });
    this.lane.add({
      method: 'GET',
      route: COUNTS_ROUTE,
      path: COUNTS_PATH,
      answer: (request) => ok(this.countsOf(request)),
    });
  }

  private firstPage(request: LaneRequest): Buffer | undefined {
    const headers = request.raw.headers;
    if (headers.authorization !== undefined || headers['x-reader-token'] !== undefined) return undefined;
    const articleId = request.params[0];
    if (typeof articleId !== 'string' || !ARTICLE_ID_PATTERN.test(articleId)) return undefined;
    const sort = cacheableSortOfRaw(request.query);
    if (!sort) return undefined;
    const cached = this.pages.lookup(articleId, sort);
    if (!cached) return undefined;
    cached.json ??= Buffer.from(JSON.stringify(cached.page));
    return cached.json;
  }

  /** Counts go to anyone, but credentials sent are still checked by the route (a bad token is a 401). */
  private countsOf(request: LaneRequest): string | undefined {
    const headers = request.raw.headers;
    if (headers.authorization !== undefined || headers['x-reader-token'] !== undefined) return undefined;
    const query = request.query;
    const keys = Object.keys(query);
    if (keys.length !== 1 || typeof query.articleIds !== 'string') return undefined;
    const requested = query.articleIds.split(',');
    if (requested.length > COMMENT_LIMITS.countsMaxArticles) return undefined;
    if (!requested.every((articleId) => ARTICLE_ID_PATTERN.test(articleId))) return undefined;
    const articleIds = [...new Set(requested)];
    const known = this.counts.known(articleIds);
    if (known.size !== articleIds.length) return undefined;
    return JSON.stringify({
      counts: Object.fromEntries(articleIds.map((articleId) => [articleId, known.get(articleId)])),
    });
  }
}

function ok(json: string | Buffer | undefined): LaneAnswer | undefined {
  return json === undefined ? undefined : { status: 200, body: json };
}
