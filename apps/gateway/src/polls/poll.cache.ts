import { accessOfView, PollAccess, pollAccess, PollView, PollViewer } from '@app/contracts';
import { ChangeGenerations } from '../cache/change-generations';

type ShownAccess = Exclude<PollAccess, 'none'>;

interface Timed<T> {
  value: T;
  /** When it must be read again even without a change signal (a signal may be lost). */
  expiresAt: number;
}

interface PollEntry {
  /** The poll as the polls service showed it to a caller with that access (their vote left out). */
  views: Partial<Record<ShownAccess, Timed<PollView>>>;
  /** The service answered 404 to a reader: no such poll, or not open to readers yet. */
  missing?: Timed<true>;
}

/** What the cache knows for one viewer: a view to show, that there is none, or nothing yet. */
export type CachedPoll = { kind: 'view'; view: PollView } | { kind: 'missing' } | undefined;

const MAX_POLLS = 5000;
const MAX_VOTERS_PER_POLL = 50000;

/**
 * The gateway's memory of polls, so repeated reads cost no NATS round trip. It holds only views the
 * polls service made for some caller, each filed under the access it was made for; a view is shown
 * to another caller only when the contracts' `pollAccess` gives that caller the same access, so the
 * cache never shows more than the service would. Entries are dropped when the polls service signals a
 * change (every gateway copy hears it) and expire after a TTL in case a signal was lost. Concurrent
 * misses for one poll and one kind of caller share one request. Nothing here is the only copy of
 * anything: it can be dropped at any time.
 */
export class PollCache {
  private readonly entries = new Map<string, PollEntry>();
  private readonly loading = new Map<string, Promise<PollView | null>>();
  /** A load that started before a change is not stored after it. */
  private readonly changes = new ChangeGenerations(MAX_POLLS);
  private readonly votes = new Map<string, Map<string, string[] | null>>();
  private readonly currentByPlacement = new Map<string, Timed<string | null>>();
  /**
   * The latest view of each poll, whatever its access, for its question, options and dates: a vote's
   * answer is made from it and the vote's counts. A change of counts alone leaves it.
   */
  private readonly definitions = new Map<string, Timed<PollView>>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** What this viewer may be shown from memory, if anything is known. Editors are never served here. */
  lookup(pollId: string, viewer: PollViewer, now: Date): CachedPoll {
    const entry = this.entries.get(pollId);
    if (!entry) return undefined;
    const at = this.now();
    const views = [entry.views.results, entry.views.question].filter(
      (timed): timed is Timed<PollView> => timed !== undefined && timed.expiresAt > at,
    );
    if (views.length === 0)
      return entry.missing && entry.missing.expiresAt > at ? { kind: 'missing' } : undefined;
    const access = pollAccess(views[0].value, viewer, now);
    if (access === 'none') return { kind: 'missing' };
    const timed = entry.views[access];
    return timed && timed.expiresAt > at ? { kind: 'view', view: timed.value } : undefined;
  }

  /**
   * Loads what the service shows one kind of caller (`group`: callers who would all be shown the
   * same) once for every concurrent miss, and keeps it unless the poll changed meanwhile.
   */
  load(pollId: string, group: string, fetch: () => Promise<PollView | null>): Promise<PollView | null> {
    const key = `${pollId}|${group}`;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const mark = this.changes.mark(pollId);
    const promise = fetch()
      .then((view) => {
        if (this.changes.unchangedSince(pollId, mark)) {
          if (view) this.store(view);
          else this.storeMissing(pollId);
        }
        return view;
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, promise);
    return promise;
  }

  /** A fresh view from a write (a vote, an edit) replaces what was known of the poll at once. */
  put(view: PollView): void {
    this.changes.changed(view.id);
    this.entries.delete(view.id);
    this.store(view);
  }

  /**
   * A vote's answer: the results right after its batch committed. Answers of several batches (and of
   * several polls copies) arrive in any order, and counts only grow while the poll stays as it is, so an
   * answer that counted fewer voters than the view kept does not replace it.
   */
  putVoteResult(view: PollView): void {
    const kept = this.entries.get(view.id)?.views[accessOfView(view)];
    const fresher =
      kept !== undefined &&
      kept.expiresAt > this.now() &&
      (kept.value.totalVoters ?? 0) > (view.totalVoters ?? 0);
    if (fresher) return;
    this.changes.changed(view.id);
    this.store(view);
  }

  /** A recent view of the poll for its definition (counts aside); undefined when none is held. */
  definitionOf(pollId: string): PollView | undefined {
    const timed = this.definitions.get(pollId);
    return timed && timed.expiresAt > this.now() ? timed.value : undefined;
  }

  /** The reader's known choices (null: known not to have voted); undefined when unknown here. */
  peekVote(pollId: string, readerId: string): string[] | null | undefined {
    return this.votes.get(pollId)?.get(readerId);
  }

  async myVote(
    pollId: string,
    readerId: string,
    load: () => Promise<string[] | null>,
  ): Promise<string[] | null> {
    const known = this.peekVote(pollId, readerId);
    if (known !== undefined) return known;
    const optionIds = await load();
    this.rememberVote(pollId, readerId, optionIds);
    return optionIds;
  }

  rememberVote(pollId: string, readerId: string, optionIds: string[] | null): void {
    let voters = this.votes.get(pollId);
    if (!voters) {
      voters = new Map();
      this.votes.set(pollId, voters);
    }
    if (voters.size >= MAX_VOTERS_PER_POLL) voters.clear();
    voters.set(readerId, optionIds);
  }

  currentPollId(placement: string): string | null | undefined {
    const entry = this.currentByPlacement.get(placement);
    return entry && entry.expiresAt > this.now() ? entry.value : undefined;
  }

  rememberCurrent(placement: string, pollId: string | null): void {
    this.currentByPlacement.set(placement, { value: pollId, expiresAt: this.now() + this.ttlMs });
  }

  /**
   * A poll changed (results, definition, status or deletion). Cached "has not voted" answers are dropped
   * too: the reader may have voted through another gateway copy. Known votes stay: a vote never changes.
   * When only its counts changed, its definition is kept for the answers to votes.
   */
  invalidate(pollId: string, countsOnly = false): void {
    this.changes.changed(pollId);
    this.entries.delete(pollId);
    if (!countsOnly) this.definitions.delete(pollId);
    const voters = this.votes.get(pollId);
    if (voters) for (const [reader, vote] of voters) if (vote === null) voters.delete(reader);
    // Any change may change which poll is current for a placement.
    this.currentByPlacement.clear();
  }

  forget(pollId: string): void {
    this.invalidate(pollId);
    this.votes.delete(pollId);
  }

  private store(view: PollView): void {
    const entry = this.entryOf(view.id);
    const timed = { value: { ...view, myVote: null }, expiresAt: this.now() + this.ttlMs };
    entry.views[accessOfView(view)] = timed;
    entry.missing = undefined;
    if (!this.definitions.has(view.id) && this.definitions.size >= MAX_POLLS) {
      const oldest = this.definitions.keys().next().value;
      if (oldest !== undefined) this.definitions.delete(oldest);
    }
    this.definitions.set(view.id, timed);
  }

  private storeMissing(pollId: string): void {
    this.definitions.delete(pollId);
    const entry = this.entryOf(pollId);
    entry.views = {};
    entry.missing = { value: true, expiresAt: this.now() + this.ttlMs };
  }

  private entryOf(pollId: string): PollEntry {
    let entry = this.entries.get(pollId);
    if (!entry) {
      if (this.entries.size >= MAX_POLLS) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
      entry = { views: {} };
      this.entries.set(pollId, entry);
    }
    return entry;
  }
}
