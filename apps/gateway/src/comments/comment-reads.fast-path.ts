import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ARTICLE_ID_PATTERN, CommentListReply } from '@app/contracts';
import { CommentPageCache } from './comment-page.cache';
import { cacheableSortOfRaw } from './public-first-page';

const LIST_ROUTE = '/api/v1/articles/:articleId/comments';

/**
 * The first page of an article's comments is read on every page view of every story. When it is already
 * in this copy's cache and the caller sends no credentials at all (a reader's token or a sign-in would
 * make the page theirs: their reactions, their own comments), it is answered in a Fastify onRequest
 * hook, before Nest's guards and pipes, with the JSON made once per cached page. Anything else — a
 * miss, credentials, a cursor or page size, a malformed id or query — goes on to the route, which
 * gives the same answer for the same page. Security headers, CORS, request ids, metrics and the access
 * log come from the hooks around it.
 */
@Injectable()
export class CommentListFastPath implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly pages: CommentPageCache<CommentListReply>,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', (request, reply, done) => {
      if (request.method === 'GET' && this.answer(request, reply)) return;
      done();
    });
  }

  private answer(request: FastifyRequest, reply: FastifyReply): boolean {
    if (request.routeOptions.url !== LIST_ROUTE) return false;
    const headers = request.headers;
    if (headers.authorization !== undefined || headers['x-reader-token'] !== undefined) return false;
    const articleId = (request.params as { articleId?: string }).articleId;
    if (typeof articleId !== 'string' || !ARTICLE_ID_PATTERN.test(articleId)) return false;
    const sort = cacheableSortOfRaw(request.query as Record<string, unknown>);
    if (!sort) return false;
    const cached = this.pages.lookup(articleId, sort);
    if (!cached) return false;
    cached.json ??= JSON.stringify(cached.page);
    void reply.header('content-type', 'application/json; charset=utf-8').send(cached.json);
    return true;
  }
}
