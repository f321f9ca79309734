import { Injectable } from '@nestjs/common';
import {
  ANONYMOUS,
  Caller,
  hasRole,
  MyVoteReply,
  NotFoundError,
  PollChanges,
  PollDraft,
  PollExportReply,
  PollListQuery,
  PollListReply,
  PollReply,
  PollSnapshot,
  PollsSubjects,
  PollView,
  presentPoll,
  VoteBallot,
} from '@app/contracts';
import { NatsRpcClient, RemoteError } from '@app/messaging';
import { PollCache } from './poll.cache';
import { PollsGatewaySettings } from './polls.settings';

/**
 * The gateway's side of polls: reads served from the cache where possible, writes sent to the polls
 * service, and every answer shaped for its caller by the contract's visibility rule.
 */
@Injectable()
export class PollsGateway {
  constructor(
    private readonly rpc: NatsRpcClient,
    private readonly cache: PollCache,
    private readonly settings: PollsGatewaySettings,
  ) {}

  async get(pollId: string, caller: Caller): Promise<PollView> {
    const snapshot = await this.snapshot(pollId);
    if (!snapshot) throw new NotFoundError('The poll');
    return this.present(snapshot, caller, await this.myVote(pollId, caller));
  }

  async current(placement: string, caller: Caller): Promise<PollView> {
    let pollId = this.cache.currentPollId(placement);
    if (pollId === undefined) {
      const reply = await this.optional(() =>
        this.rpc.request<PollReply>(PollsSubjects.current, { caller: ANONYMOUS, placement }),
      );
      pollId = reply?.poll.id ?? null;
      if (reply) this.cache.put(reply.poll);
      this.cache.rememberCurrent(placement, pollId);
    }
    if (!pollId) throw new NotFoundError('An open poll for this placement');
    return this.get(pollId, caller);
  }

  async list(
    query: PollListQuery,
    caller: Caller,
  ): Promise<{ items: PollView[]; nextCursor: string | null }> {
    const reply = await this.rpc.request<PollListReply>(PollsSubjects.list, { caller, query });
    return {
      items: reply.items.map((poll) => this.present(poll, caller, reply.myVotes[poll.id] ?? null)),
      nextCursor: reply.nextCursor,
    };
  }

  async vote(pollId: string, ballot: VoteBallot, caller: Caller): Promise<PollView> {
    const reply = await this.rpc.request<PollReply>(PollsSubjects.castVote, {
      caller,
      pollId,
      ballot,
      addressCapPerHour: this.settings.votesPerAddressPerHour,
    });
    this.cache.put(reply.poll);
    if (caller.readerId) this.cache.rememberVote(pollId, caller.readerId, reply.myVote);
    return this.present(reply.poll, caller, reply.myVote);
  }

  async create(draft: PollDraft, caller: Caller): Promise<PollView> {
    return this.write(PollsSubjects.create, { caller, draft }, caller);
  }

  async update(pollId: string, changes: PollChanges, caller: Caller): Promise<PollView> {
    return this.write(PollsSubjects.update, { caller, pollId, changes }, caller);
  }

  async close(pollId: string, caller: Caller): Promise<PollView> {
    return this.write(PollsSubjects.close, { caller, pollId }, caller);
  }

  async delete(pollId: string, caller: Caller): Promise<void> {
    await this.rpc.request<unknown>(PollsSubjects.delete, { caller, pollId });
    this.cache.forget(pollId);
  }

  exportResults(pollId: string, caller: Caller): Promise<PollExportReply> {
    return this.rpc.request<PollExportReply>(PollsSubjects.exportResults, { caller, pollId });
  }

  /** The shared, caller-independent snapshot (null: no such poll), from the cache when fresh. */
  snapshot(pollId: string): Promise<PollSnapshot | null> {
    return this.cache.snapshot(pollId, async () => {
      const reply = await this.optional(() =>
        this.rpc.request<PollReply>(PollsSubjects.get, { caller: ANONYMOUS, pollId }),
      );
      return reply?.poll ?? null;
    });
  }

  myVote(pollId: string, caller: Caller): Promise<string[] | null> {
    const readerId = caller.readerId;
    if (!readerId) return Promise.resolve(null);
    return this.cache.myVote(pollId, readerId, async () => {
      const reply = await this.rpc.request<MyVoteReply>(PollsSubjects.myVote, { caller, pollId });
      return reply.optionIds;
    });
  }

  present(snapshot: PollSnapshot, caller: Caller, myVote: string[] | null): PollView {
    return presentPoll(snapshot, { myVote, isEditor: hasRole(caller.roles, 'editor') }, new Date());
  }

  private async write(subject: string, payload: object, caller: Caller): Promise<PollView> {
    const reply = await this.rpc.request<PollReply>(subject, payload);
    this.cache.put(reply.poll);
    return this.present(reply.poll, caller, reply.myVote);
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
