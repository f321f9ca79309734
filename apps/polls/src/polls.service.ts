import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import {
  Caller,
  CastVoteRequest,
  CastVotesReply,
  CastVotesRequest,
  CreatePollRequest,
  CurrentPollRequest,
  ForbiddenError,
  hasRole,
  ListPollsRequest,
  MyVoteReply,
  PAGE_LIMIT_DEFAULT,
  PollExportReply,
  PollIdRequest,
  PollDeletedReply,
  PollListReply,
  PollReply,
  PollSnapshot,
  PollView,
  presentPoll,
  UnauthorizedError,
  UpdatePollRequest,
  ValidationFailedError,
  VoteTallies,
} from '@app/contracts';
import { answerEach } from '@app/messaging';
import { checkBallot } from './domain/ballot-rules';
import { decodeCursor, encodeCursor } from './domain/cursor';
import { applyChanges, settleDraft } from './domain/poll-draft.rules';
import { PollDefinition, PollTallies, snapshotOf } from './domain/poll-definition';
import {
  AlreadyVotedError,
  PollAlreadyClosedError,
  PollNotFoundError,
  PollNotOpenError,
  VoteCapReachedError,
} from './domain/poll.errors';
import { PollDefinitionCache } from './poll-definition.cache';
import { PollSignals } from './poll.signals';
import { PollsEnv } from './polls.config';
import { demoPolls } from './polls.demo';
import { PollEditsRepository } from './repositories/poll-edits.repository';
import { PollReadsRepository, PollWithMyVote } from './repositories/poll-reads.repository';
import { PollsDemoRepository } from './repositories/polls-demo.repository';
import { CastVoteInput, VoteOutcome, VotesRepository } from './repositories/votes.repository';
import { batchFailureOf, errorSummary, GroupCommit } from '@app/persistence';

const isEditor = (caller: Caller): boolean => hasRole(caller.roles, 'editor');

/** Editors' subjects are checked here too: the gateway checks, but a service does not trust the network. */
function requireEditor(caller: Caller): void {
  if (!isEditor(caller)) throw new ForbiddenError('Only editors manage polls.');
}

function requireReader(caller: Caller): string {
  if (!caller.readerId) throw new UnauthorizedError('Voting needs a reader identity.');
  return caller.readerId;
}

/** Every poll this service gives away is shaped for its caller: the visibility rule is applied here. */
function viewFor(caller: Caller, { snapshot, myVote }: PollWithMyVote): PollView | null {
  return presentPoll(snapshot, { myVote, isEditor: isEditor(caller) }, new Date());
}

function reply(caller: Caller, found: PollWithMyVote | null): PollReply {
  const poll = found && viewFor(caller, found);
  if (!poll) throw new PollNotFoundError();
  return { poll };
}

/** What the votes of one batch on one poll share. */
interface SharedResults {
  definition: PollDefinition;
  poll: PollSnapshot;
  counts?: VoteTallies;
}

interface CountedVote {
  definition: PollDefinition;
  /** In the editor's order of options. */
  choices: string[];
  tallies: PollTallies;
}

/** Runs of a batch that a deadlock or serialization failure rolled back, before its votes fail. */
const BATCH_ATTEMPTS = 3;

@Injectable()
export class PollsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('PollsService');
  private readonly definitions: PollDefinitionCache;
  private readonly votes: GroupCommit<CastVoteInput, VoteOutcome>;
  /** Votes of one batch on one poll share their tallies, and so their snapshot and counts. */
  private readonly snapshots = new WeakMap<PollTallies, SharedResults>();

  constructor(
    private readonly reads: PollReadsRepository,
    private readonly edits: PollEditsRepository,
    private readonly votesRepository: VotesRepository,
    private readonly demo: PollsDemoRepository,
    private readonly signals: PollSignals,
    private readonly config: PollsEnv,
  ) {
    this.definitions = new PollDefinitionCache(config.POLL_DEFINITION_TTL_MS, (pollId) =>
      reads.findDefinition(pollId),
    );
    // Votes do not change a definition: only other signals drop the copy.
    signals.onSignal(({ pollId, countsOnly }) => {
      if (!countsOnly) this.definitions.forget(pollId);
    });
    this.votes = new GroupCommit(
      {
        maxSize: config.POLL_VOTE_BATCH_MAX,
        maxDelayMs: config.POLL_VOTE_BATCH_DELAY_MS,
        maxInFlight: config.POLL_VOTE_BATCHES_IN_FLIGHT,
      },
      (ballots) => this.writeVotes(ballots),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.DEMO) return;
    const created = await this.demo.seedDemo(demoPolls(new Date()));
    if (created.length > 0) this.logger.log(`demo polls created: ${created.join(', ')}`);
  }

  // ---- readers ----

  async castVote(request: CastVoteRequest): Promise<PollReply> {
    const { definition, choices, tallies } = await this.count(request);
    return reply(request.caller, {
      snapshot: this.snapshotAfterVote(definition, tallies),
      myVote: choices,
    });
  }

  /**
   * The votes of one message, each judged as if it came alone; they reach the group commit together.
   * A counted vote is answered with the counts, not a view: the gateway holds the rest of the poll.
   */
  async castVotes({ votes }: CastVotesRequest): Promise<CastVotesReply> {
    const outcomes = await answerEach(
      votes,
      async (vote) => {
        const { definition, choices, tallies } = await this.count(vote);
        return { optionIds: choices, tallies: this.talliesAfterVote(definition, tallies) };
      },
      this.logger,
    );
    return { outcomes };
  }

  /** Casts one vote; throws the refusal it gets. */
  private async count({ caller, pollId, ballot }: CastVoteRequest): Promise<CountedVote> {
    const readerId = requireReader(caller);
    let definition = await this.definitions.get(pollId);
    if (!definition) throw new PollNotFoundError();
    let choices: string[];
    try {
      choices = checkBallot(definition, ballot.optionIds);
    } catch (error) {
      // The copy may predate an edit: read it again before refusing.
      definition = await this.definitions.reload(pollId);
      if (!definition) throw new PollNotFoundError();
      if (!(error instanceof ValidationFailedError)) throw error;
      choices = checkBallot(definition, ballot.optionIds);
    }
    const outcome = await this.votes.submit({
      pollId,
      readerId,
      addressHash: caller.addressHash,
      optionIds: choices,
      capPerHour: this.config.POLL_VOTES_PER_ADDRESS_PER_HOUR,
    });
    switch (outcome.kind) {
      case 'ok':
        this.signals.resultsChanged(pollId);
        return { definition, choices, tallies: outcome.tallies };
      case 'already_voted':
        throw new AlreadyVotedError();
      case 'not_open':
        throw new PollNotOpenError();
      case 'vote_cap_reached':
        throw new VoteCapReachedError(outcome.retryAfterSeconds);
      case 'not_found':
        this.definitions.forget(pollId);
        throw new PollNotFoundError();
      case 'invalid_choice': {
        const fresh = await this.definitions.reload(pollId);
        if (!fresh) throw new PollNotFoundError();
        checkBallot(fresh, choices);
        throw new ValidationFailedError([
          { field: 'optionIds', message: 'The poll has changed; choose again.' },
        ]);
      }
    }
  }

  async get({ caller, pollId }: PollIdRequest): Promise<PollReply> {
    return reply(caller, await this.reads.findPoll(pollId, caller.readerId));
  }

  async current({ caller, placement }: CurrentPollRequest): Promise<PollReply> {
    return reply(caller, await this.reads.findCurrent(placement, caller.readerId));
  }

  async list({ caller, query }: ListPollsRequest): Promise<PollListReply> {
    const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
    const rows = await this.reads.list(
      {
        status: query.status ?? 'all',
        placement: query.placement,
        after: query.cursor !== undefined ? decodeCursor(query.cursor) : undefined,
        limit: limit + 1,
        includeScheduled: isEditor(caller),
      },
      caller.readerId,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => viewFor(caller, row)).filter((view) => view !== null),
      nextCursor:
        rows.length > limit
          ? encodeCursor({ createdAt: last.snapshot.createdAt, id: last.snapshot.id })
          : null,
    };
  }

  async myVote({ caller, pollId }: PollIdRequest): Promise<MyVoteReply> {
    const optionIds = await this.reads.myVote(pollId, caller.readerId);
    if (optionIds === undefined) throw new PollNotFoundError();
    return { optionIds };
  }

  // ---- editors ----

  async create({ caller, draft }: CreatePollRequest): Promise<PollReply> {
    requireEditor(caller);
    const { settings, options } = settleDraft(draft, new Date());
    const pollId = await this.edits.create(settings, options, caller.staffId ?? 'editor');
    this.signals.changed(pollId);
    return reply(caller, await this.reads.findPoll(pollId, null));
  }

  async update({ caller, pollId, changes }: UpdatePollRequest): Promise<PollReply> {
    requireEditor(caller);
    const found = await this.edits.update(pollId, (current, hasVotes) =>
      applyChanges(current, changes, hasVotes),
    );
    if (!found) throw new PollNotFoundError();
    this.definitions.forget(pollId);
    this.signals.changed(pollId);
    return reply(caller, await this.reads.findPoll(pollId, null));
  }

  async close({ caller, pollId }: PollIdRequest): Promise<PollReply> {
    requireEditor(caller);
    const outcome = await this.edits.close(pollId);
    switch (outcome.kind) {
      case 'not_found':
        throw new PollNotFoundError();
      case 'already_closed':
        throw new PollAlreadyClosedError();
      case 'closed':
        this.definitions.forget(pollId);
        this.signals.changed(pollId);
        return reply(caller, { snapshot: outcome.snapshot, myVote: null });
    }
  }

  async delete({ caller, pollId }: PollIdRequest): Promise<PollDeletedReply> {
    requireEditor(caller);
    if (!(await this.edits.delete(pollId))) throw new PollNotFoundError();
    this.definitions.forget(pollId);
    this.signals.changed(pollId, true);
    return { pollId, deleted: true };
  }

  async exportResults({ caller, pollId }: PollIdRequest): Promise<PollExportReply> {
    requireEditor(caller);
    const found = await this.reads.findPoll(pollId, null);
    if (!found) throw new PollNotFoundError();
    return { poll: found.snapshot, hourly: await this.reads.hourlyVotes(pollId) };
  }

  /**
   * Writes a batch of votes. Only a batch the database rolled back is run again: as a whole after a
   * deadlock or serialization failure, vote by vote after any other refusal, so one bad vote does not
   * fail the others. A lost answer fails every vote of the batch: it may have been written, so it is
   * never reported as written, nor written twice.
   */
  private async writeVotes(ballots: CastVoteInput[]): Promise<PromiseSettledResult<VoteOutcome>[]> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const outcomes = await this.votesRepository.castVotes(ballots, this.shard());
        return outcomes.map((value) => ({ status: 'fulfilled', value }));
      } catch (error) {
        const failure = batchFailureOf(error);
        if (failure === 'conflict' && attempt < BATCH_ATTEMPTS) continue;
        if (failure === 'refused' && ballots.length > 1) {
          this.logger.warn(
            `a batch of ${ballots.length} votes was refused, writing them one by one: ${errorSummary(error)}`,
          );
          return Promise.allSettled(
            ballots.map((ballot) =>
              this.votesRepository.castVotes([ballot], this.shard()).then(([outcome]) => outcome),
            ),
          );
        }
        throw error;
      }
    }
  }

  private shard(): number {
    return Math.floor(Math.random() * this.config.POLL_TALLY_SHARDS);
  }

  private snapshotAfterVote(definition: PollDefinition, tallies: PollTallies): PollSnapshot {
    return this.afterVote(definition, tallies).poll;
  }

  private talliesAfterVote(definition: PollDefinition, tallies: PollTallies): VoteTallies {
    const shared = this.afterVote(definition, tallies);
    shared.counts ??= {
      totalVotes: shared.poll.totalVotes,
      totalVoters: shared.poll.totalVoters,
      options: shared.poll.options.map(({ id, votes, percent }) => ({ id, votes, percent })),
    };
    return shared.counts;
  }

  private afterVote(definition: PollDefinition, tallies: PollTallies): SharedResults {
    const shared = this.snapshots.get(tallies);
    if (shared?.definition === definition) return shared;
    const fresh: SharedResults = { definition, poll: snapshotOf(definition, tallies) };
    this.snapshots.set(tallies, fresh);
    return fresh;
  }
}
