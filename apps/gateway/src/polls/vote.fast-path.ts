import { Injectable, OnModuleInit } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { Caller, isUuid, POLL_LIMITS } from '@app/contracts';
import { FastLane, LaneAnswer, LaneRequest } from '../http/fast-lane/fast-lane';
import { addReaderWrite } from '../http/fast-lane/reader-write.route';
import { CallerResolver } from '../identity/caller.resolver';
import { PollsGateway } from './polls.gateway';

const VOTE_ROUTE = '/api/v1/polls/:id/votes';
const VOTE_PATH = /^\/api\/v1\/polls\/([0-9A-Fa-f-]{36})\/votes$/;
/** `{"optionIds":[…]}` with every option a poll may have, quoted and spaced generously. */
export const VOTE_LANE_MAX_BODY_BYTES = 64 + POLL_LIMITS.maxOptions * 48;

/**
 * A reader's vote is the suite's hottest write. The plain case — a reader token and nothing else, a
 * ballot of distinct option ids — is taken in the fast lane and handed to the same PollsGateway.vote
 * the route calls, so outcomes, problems and the cache are the route's. Anything else (a portal or
 * staff sign-in, a bad token, a query string, a body that is not exactly a valid ballot) goes to the
 * route, body and all, which answers it as it always has.
 */
@Injectable()
export class VoteFastPath implements OnModuleInit {
  constructor(
    private readonly lane: FastLane,
    private readonly resolver: CallerResolver,
    private readonly polls: PollsGateway,
  ) {}

  onModuleInit(): void {
    addReaderWrite(this.lane, this.resolver, {
      route: VOTE_ROUTE,
      path: VOTE_PATH,
      maxBodyBytes: VOTE_LANE_MAX_BODY_BYTES,
      idIsValid: isUuid,
      answer: (request, body, caller) => this.vote(request, body, caller),
    });
  }

  private vote(request: LaneRequest, body: object, caller: Caller): Promise<LaneAnswer> | undefined {
    const optionIds = ballotOf(body);
    if (!optionIds) return undefined;
    const pollId = request.params[0].toLowerCase();
    return this.polls
      .vote(pollId, { optionIds }, caller)
      .then((view) => ({ status: 201, body: JSON.stringify(view) }));
  }
}

/**
 * The option ids of a body that is exactly what VoteBallot admits — an object whose one key is
 * `optionIds`, 1 to maxOptions distinct UUIDs — or undefined. Stricter is allowed (the route answers
 * the rest); looser is not, and the spec holds the two together.
 */
export function ballotOf(body: unknown): string[] | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'optionIds') return undefined;
  const optionIds = (body as { optionIds: unknown }).optionIds;
  if (!Array.isArray(optionIds) || optionIds.length < 1 || optionIds.length > POLL_LIMITS.maxOptions)
    return undefined;
  for (const id of optionIds) if (typeof id !== 'string' || !isUUID(id, 'all')) return undefined;
  if (new Set(optionIds).size !== optionIds.length) return undefined;
  return optionIds as string[];
}
