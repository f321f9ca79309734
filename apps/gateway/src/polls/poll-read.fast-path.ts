import { Injectable, OnModuleInit } from '@nestjs/common';
import { ANONYMOUS, Caller, isUuid, POLL_LIMITS, PollView, reshapeView } from '@app/contracts';
import { FastLane, LaneAnswer, LaneRequest } from '../http/fast-lane/fast-lane';
import { CallerResolver } from '../identity/caller.resolver';
import { PollCache } from './poll.cache';

const POLL_ROUTE = '/api/v1/polls/:id';
const CURRENT_ROUTE = '/api/v1/polls/current';
const POLL_PATH = /^\/api\/v1\/polls\/([0-9A-Fa-f-]{36})$/;
const CURRENT_PATH = /^\/api\/v1\/polls\/current$/;
const MAX_BODIES_PER_SNAPSHOT = 64;

/**
 * Reading a poll is the suite's hottest request: every page view of every reader. When the answer is
 * already in this copy's cache and the caller is anonymous or a reader (no Authorization header), it is
 * answered in the fast lane, before Fastify and Nest. The answer is the one the routes give (same cache,
 * same presentation rule); anything else — a cache miss, a staff or portal token, an invalid reader
 * token, a malformed id or query — goes on to the route.
 */
@Injectable()
export class PollReadFastPath implements OnModuleInit {
  private readonly bodies = new WeakMap<PollView, Map<string, Buffer>>();

  constructor(
    private readonly lane: FastLane,
    private readonly cache: PollCache,
    private readonly resolver: CallerResolver,
  ) {}

  onModuleInit(): void {
    this.lane.add({
      method: 'GET',
      route: POLL_ROUTE,
      path: POLL_PATH,
      answer: (request) => this.answer(request, this.pollIdOf(request)),
    });
    this.lane.add({
      method: 'GET',
      route: CURRENT_ROUTE,
      path: CURRENT_PATH,
      answer: (request) => this.answer(request, this.currentPollIdOf(request)),
    });
  }

  private answer(request: LaneRequest, pollId: string | undefined): LaneAnswer | undefined {
    if (!pollId || request.raw.headers.authorization !== undefined) return undefined;
    const caller = this.readerOf(request);
    if (!caller) return undefined;
    const myVote = caller.readerId ? this.cache.peekVote(pollId, caller.readerId) : null;
    if (myVote === undefined) return undefined;
    const now = new Date();
    const cached = this.cache.lookup(pollId, { myVote, isEditor: false }, now);
    // A miss, and "no such poll" (answered as a problem document by the route), go the long way.
    if (cached?.kind !== 'view') return undefined;
    return { status: 200, body: this.body(cached.view, myVote, now) };
  }

  /**
   * The JSON of a view depends on the cached view, its status now and the caller's choices; it is kept
   * per cached view (dropped with it), in UTF-8, rather than rebuilt and encoded for every read.
   */
  private body(view: PollView, myVote: string[] | null, now: Date): Buffer {
    const shown = reshapeView(view, myVote, now);
    const key = `${shown.status}|${myVote?.join(',') ?? '-'}`;
    let bodies = this.bodies.get(view);
    if (!bodies) {
      bodies = new Map();
      this.bodies.set(view, bodies);
    }
    let body = bodies.get(key);
    if (body === undefined) {
      body = Buffer.from(JSON.stringify(shown));
      if (bodies.size < MAX_BODIES_PER_SNAPSHOT) bodies.set(key, body);
    }
    return body;
  }

  private pollIdOf(request: LaneRequest): string | undefined {
    const id = request.params[0];
    return isUuid(id) && Object.keys(request.query).length === 0 ? id : undefined;
  }

  private currentPollIdOf(request: LaneRequest): string | undefined {
    const query = request.query;
    const keys = Object.keys(query);
    if (keys.some((key) => key !== 'placement')) return undefined;
    const placement = query.placement ?? 'sidebar';
    if (typeof placement !== 'string' || !POLL_LIMITS.placementPattern.test(placement)) return undefined;
    return this.cache.currentPollId(placement) ?? undefined;
  }

  /** Anonymous, or a reader with a valid token; null when the full pipeline must decide. */
  private readerOf(request: LaneRequest): Caller | null {
    const token = request.raw.headers['x-reader-token'];
    if (token === undefined) return ANONYMOUS;
    if (typeof token !== 'string') return null;
    const readerId = this.resolver.readerIdOf(token);
    return readerId ? { ...ANONYMOUS, readerId } : null;
  }
}
