import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { answerGetsEarly } from '../http/early-answer';
import { ARTICLE_ID_PATTERN, COMMENT_LIMITS, CommentListReply } from '@app/contracts';
import { CommentCountCache } from './comment-count.cache';
import { CommentPageCache } from './comment-page.cache';
import { cacheableSortOfRaw } from './public-first-page';

const LIST_ROUTE = '/api/v1/articles/:articleId/comments';
const COUNTS_ROUTE = '/api/v1/comments/counts';

/**
 * The first page of an article's comments is read on every page view of every story, and the counts on
 * every article list. When the answer is already in this copy's memory it is given in a Fastify
 * onRequest hook, before Nest's guards and pipes: a first page only to a caller who sends no
 * credentials at all (a reader's token or a sign-in would make the page theirs: their reactions, their
 * own comments), counts to anyone (they are the same for all). Anything else — a miss, a cursor or page
 * size, a malformed id or query — goes on to the route, which gives the same answer. Security headers,
 * CORS, request ids, metrics and the access log come from the hooks around it.
 */
@Injectable()
export class CommentReadsFastPath implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly pages: CommentPageCache<CommentListReply>,
    private readonly counts: CommentCountCache,
  ) {}

  onModuleInit(): void {
    answerGetsEarly(this.adapterHost, (request, reply) => this.answer(request, reply));
  }

  private answer(request: FastifyRequest, reply: FastifyReply): boolean {
    const route = request.routeOptions.url;
    const json =
      route === LIST_ROUTE
        ? this.firstPage(request)
        : route === COUNTS_ROUTE
          ? this.countsOf(request)
          : undefined;
    if (json === undefined) return false;
    void reply.header('content-type', 'application/json; charset=utf-8').send(json);
    return true;
  }

  private firstPage(request: FastifyRequest): string | undefined {
    const headers = request.headers;
    if (headers.authorization !== undefined || headers['x-reader-token'] !== undefined) return undefined;
    const articleId = (request.params as { articleId?: string }).articleId;
    if (typeof articleId !== 'string' || !ARTICLE_ID_PATTERN.test(articleId)) return undefined;
    const sort = cacheableSortOfRaw(request.query as Record<string, unknown>);
    if (!sort) return undefined;
    const cached = this.pages.lookup(articleId, sort);
    if (!cached) return undefined;
    cached.json ??= JSON.stringify(cached.page);
    return cached.json;
  }

  /** Counts go to anyone, but credentials sent are still checked by the route (a bad token is a 401). */
  private countsOf(request: FastifyRequest): string | undefined {
    const headers = request.headers;
    if (headers.authorization !== undefined || headers['x-reader-token'] !== undefined) return undefined;
    const query = request.query as Record<string, unknown>;
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
