import { Injectable } from '@nestjs/common';
import {
  Caller,
  hasRole,
  NotFoundError,
  PollChanges,
  PollDraft,
  PollExportReply,
  PollListQuery,
  PollNotFoundError,
  PollsRpc,
  PollView,
  presentPoll,
  reshapeView,
  snapshotWithCounts,
  VoteBallot,
} from '@app/contracts';
import { NatsRpcClient, RemoteError } from '@app/messaging';
import { PollCache } from './poll.cache';
import { VoteForwarder } from './vote.forwarder';

const isEditor = (caller: Caller): boolean => hasRole(caller.roles, 'editor');

/**
 * The gateway's side of polls: writes go to the polls service, reads are answered from the cache of
 * views the service made where the contracts' access rule allows, and from the service otherwise.
 * Editors always read from the service.
 */
@Injectable()
export class PollsGateway {
  constructor(
    private readonly rpc: NatsRpcClient,
    private readonly cache: PollCache,
    private readonly votes: VoteForwarder,
  ) {}

  async get(pollId: string, caller: Caller): Promise<PollView> {
    if (isEditor(caller)) return this.remember(await this.fetch(pollId, caller, true));
    const myVote = await this.myVote(pollId, caller);
    const now = new Date();
    const cached = this.cache.lookup(pollId, { myVote, isEditor: false }, now);
    if (cached?.kind === 'missing') throw new PollNotFoundError();
    if (cached?.kind === 'view') return reshapeView(cached.view, myVote, now);
    // Readers who have voted may see more than those who have not; each kind shares one request.
    const group = myVote === null ? 'not-voted' : 'voted';
    const view = await this.cache.load(pollId, group, () => this.fetch(pollId, caller, false));
    if (!view) throw new PollNotFoundError();
    return reshapeView(view, myVote, now);
  }

  async current(placement: string, caller: Caller): Promise<PollView> {
    let pollId = this.cache.currentPollId(placement);
    if (pollId === undefined) {
      const reply = await this.optional(() => this.rpc.call(PollsRpc.current, { caller, placement }));
      pollId = reply?.poll.id ?? null;
      this.cache.rememberCurrent(placement, pollId);
      if (reply) return this.remember(reply.poll);
    }
    if (!pollId) throw new NotFoundError('An open poll for this placement');
    return this.get(pollId, caller);
  }

  async list(
    query: PollListQuery,
    caller: Caller,
  ): Promise<{ items: PollView[]; nextCursor: string | null }> {
    return this.rpc.call(PollsRpc.list, { caller, query });
  }

  /**
   * The service answers a counted vote with the counts; the poll is shown from the definition this copy
   * holds, by the same rule the service applies. Without one, the poll is read once for all the votes
   * waiting for it; with one from before an edit of the options, it is read for this caller.
   */
  async vote(pollId: string, ballot: VoteBallot, caller: Caller): Promise<PollView> {
    const counted = await this.votes.cast({ caller, pollId, ballot });
    if (caller.readerId) this.cache.rememberVote(pollId, caller.readerId, counted.optionIds);
    const definition =
      this.cache.definitionOf(pollId) ??
      (await this.cache.load(pollId, 'definition', () => this.fetch(pollId, caller, false)));
    const snapshot = definition && snapshotWithCounts(definition, counted.tallies);
    const viewer = { myVote: counted.optionIds, isEditor: isEditor(caller) };
    const view = snapshot ? presentPoll(snapshot, viewer, new Date()) : null;
    if (view) {
      this.cache.putVoteResult(view);
      return view;
    }
    return this.remember(await this.fetch(pollId, caller, true));
  }

  async create(draft: PollDraft, caller: Caller): Promise<PollView> {
    return this.remember((await this.rpc.call(PollsRpc.create, { caller, draft })).poll);
  }

  async update(pollId: string, changes: PollChanges, caller: Caller): Promise<PollView> {
    return this.remember((await this.rpc.call(PollsRpc.update, { caller, pollId, changes })).poll);
  }

  async close(pollId: string, caller: Caller): Promise<PollView> {
    return this.remember((await this.rpc.call(PollsRpc.close, { caller, pollId })).poll);
  }

  async delete(pollId: string, caller: Caller): Promise<void> {
    await this.rpc.call(PollsRpc.delete, { caller, pollId });
    this.cache.forget(pollId);
  }

  exportResults(pollId: string, caller: Caller): Promise<PollExportReply> {
    return this.rpc.call(PollsRpc.exportResults, { caller, pollId });
  }

  myVote(pollId: string, caller: Caller): Promise<string[] | null> {
    const readerId = caller.readerId;
    if (!readerId) return Promise.resolve(null);
    return this.cache.myVote(pollId, readerId, async () => {
      const reply = await this.rpc.call(PollsRpc.myVote, { caller, pollId });
      return reply.optionIds;
    });
  }

  /** A view the service just made replaces what the cache knew of the poll. */
  private remember(view: PollView): PollView {
    this.cache.put(view);
    return view;
  }

  /** The service's view for this caller; null when it answers 404 (cached like any answer). */
  private async fetch(pollId: string, caller: Caller, required: true): Promise<PollView>;
  private async fetch(pollId: string, caller: Caller, required: false): Promise<PollView | null>;
  private async fetch(pollId: string, caller: Caller, required: boolean): Promise<PollView | null> {
    const call = () => this.rpc.call(PollsRpc.get, { caller, pollId });
    return required ? (await call()).poll : ((await this.optional(call))?.poll ?? null);
  }

  /** A 404 from the service becomes null, so "no such poll" can be cached like any answer. */
  private async optional<T>(call: () => Promise<T>): Promise<T | null> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof RemoteError && error.status === 404) return null;
      throw error;
    }
  }
}
