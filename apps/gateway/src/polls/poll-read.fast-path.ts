import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { answerGetsEarly } from '../http/early-answer';
import { ANONYMOUS, Caller, isUuid, POLL_LIMITS, PollView, reshapeView } from '@app/contracts';
import { CallerResolver } from '../identity/caller.resolver';
import { PollCache } from './poll.cache';

const POLL_ROUTE = '/api/v1/polls/:id';
const CURRENT_ROUTE = '/api/v1/polls/current';
const MAX_BODIES_PER_SNAPSHOT = 64;

/**
 * Reading a poll is the suite's hottest request: every page view of every reader. When the answer is
 * already in this copy's cache and the caller is anonymous or a reader (no Authorization header), it is
 * answered in a Fastify onRequest hook, before Nest's guards and pipes run. The answer
 * is the one the routes give (same cache, same presentation rule); anything else — a cache miss, a
 * staff or portal token, an invalid reader token, a malformed id or query — goes on to the route.
 * Security headers, CORS, request ids, metrics and the access log come from the hooks around it.
 */
@Injectable()
export class PollReadFastPath implements OnModuleInit {
  private readonly bodies = new WeakMap<PollView, Map<string, string>>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly cache: PollCache,
    private readonly resolver: CallerResolver,
  ) {}

  onModuleInit(): void {
    answerGetsEarly(this.adapterHost, (request, reply) => this.answer(request, reply));
  }

  private answer(request: FastifyRequest, reply: FastifyReply): boolean {
    const route = request.routeOptions.url;
    if (route !== POLL_ROUTE && route !== CURRENT_ROUTE) return false;
    if (request.headers.authorization !== undefined) return false;
    const pollId = route === POLL_ROUTE ? this.pollIdOf(request) : this.currentPollIdOf(request);
    if (!pollId) return false;
    const caller = this.readerOf(request);
    if (!caller) return false;
    const myVote = caller.readerId ? this.cache.peekVote(pollId, caller.readerId) : null;
    if (myVote === undefined) return false;
    const now = new Date();
    const cached = this.cache.lookup(pollId, { myVote, isEditor: false }, now);
    // A miss, and "no such poll" (answered as a problem document by the route), go the long way.
    if (cached?.kind !== 'view') return false;
    void reply
      .header('content-type', 'application/json; charset=utf-8')
      .send(this.body(cached.view, myVote, now));
    return true;
  }

  /**
   * The JSON of a view depends on the cached view, its status now and the caller's choices; it is kept
   * per cached view (dropped with it) rather than rebuilt for every read.
   */
  private body(view: PollView, myVote: string[] | null, now: Date): string {
    const shown = reshapeView(view, myVote, now);
    const key = `${shown.status}|${myVote?.join(',') ?? '-'}`;
    let bodies = this.bodies.get(view);
    if (!bodies) {
      bodies = new Map();
      this.bodies.set(view, bodies);
    }
    let body = bodies.get(key);
    if (body === undefined) {
      body = JSON.stringify(shown);
      if (bodies.size < MAX_BODIES_PER_SNAPSHOT) bodies.set(key, body);
    }
    return body;
  }

  private pollIdOf(request: FastifyRequest): string | undefined {
    const id = (request.params as { id?: string }).id;
    return isUuid(id) && Object.keys(request.query as object).length === 0 ? id : undefined;
  }

  private currentPollIdOf(request: FastifyRequest): string | undefined {
    const query = request.query as Record<string, unknown>;
    const keys = Object.keys(query);
    if (keys.some((key) => key !== 'placement')) return undefined;
    const placement = query.placement ?? 'sidebar';
    if (typeof placement !== 'string' || !POLL_LIMITS.placementPattern.test(placement)) return undefined;
    return this.cache.currentPollId(placement) ?? undefined;
  }

  /** Anonymous, or a reader with a valid token; null when the full pipeline must decide. */
  private readerOf(request: FastifyRequest): Caller | null {
    const token = request.headers['x-reader-token'];
    if (token === undefined) return ANONYMOUS;
    if (typeof token !== 'string') return null;
    const readerId = this.resolver.readerIdOf(token);
    return readerId ? { ...ANONYMOUS, readerId } : null;
  }
}
