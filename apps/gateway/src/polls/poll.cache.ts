import { PollSnapshot } from '@app/contracts';

interface SnapshotEntry {
  snapshot: PollSnapshot | null;
  /** When the entry must be read again even without a change signal (a signal may be lost). */
  expiresAt: number;
}

const MAX_POLLS = 5000;
const MAX_VOTERS_PER_POLL = 50000;

/**
 * The gateway's memory of polls, so repeated reads cost no NATS round trip. Entries are dropped when
 * the polls service signals a change (every gateway copy hears it) and expire after a TTL in case a
 * signal was lost. Concurrent misses for one poll share one request. Nothing here is the only copy of
 * anything: it can be dropped at any time.
 */
export class PollCache {
  private readonly snapshots = new Map<string, SnapshotEntry>();
  private readonly loading = new Map<string, Promise<PollSnapshot | null>>();
  /** Bumped on every invalidation, so a load that started before a change is not stored after it. */
  private readonly generations = new Map<string, number>();
  private readonly votes = new Map<string, Map<string, string[] | null>>();
  private readonly currentByPlacement = new Map<string, { pollId: string | null; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async snapshot(pollId: string, load: () => Promise<PollSnapshot | null>): Promise<PollSnapshot | null> {
    const entry = this.snapshots.get(pollId);
    if (entry && entry.expiresAt > this.now()) return entry.snapshot;
    const pending = this.loading.get(pollId);
    if (pending) return pending;
    const generation = this.generation(pollId);
    const promise = load()
      .then((snapshot) => {
        if (this.generation(pollId) === generation) this.store(pollId, snapshot);
        return snapshot;
      })
      .finally(() => this.loading.delete(pollId));
    this.loading.set(pollId, promise);
    return promise;
  }

  /** The cached snapshot if it is fresh (null: known not to exist); undefined when it must be loaded. */
  peekSnapshot(pollId: string): PollSnapshot | null | undefined {
    const entry = this.snapshots.get(pollId);
    return entry && entry.expiresAt > this.now() ? entry.snapshot : undefined;
  }

  /** The reader's known choices (null: known not to have voted); undefined when unknown here. */
  peekVote(pollId: string, readerId: string): string[] | null | undefined {
    return this.votes.get(pollId)?.get(readerId);
  }

  /** A fresh snapshot from a write (a vote, an edit) replaces the cached one at once. */
  put(snapshot: PollSnapshot): void {
    this.bump(snapshot.id);
    this.store(snapshot.id, snapshot);
  }

  async myVote(
    pollId: string,
    readerId: string,
    load: () => Promise<string[] | null>,
  ): Promise<string[] | null> {
    const known = this.votes.get(pollId)?.get(readerId);
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
    return entry && entry.expiresAt > this.now() ? entry.pollId : undefined;
  }

  rememberCurrent(placement: string, pollId: string | null): void {
    this.currentByPlacement.set(placement, { pollId, expiresAt: this.now() + this.ttlMs });
  }

  /**
   * A poll changed (results, definition, status or deletion). Cached "has not voted" answers are dropped
   * too: the reader may have voted through another gateway copy. Known votes stay: a vote never changes.
   */
  invalidate(pollId: string): void {
    this.bump(pollId);
    this.snapshots.delete(pollId);
    const voters = this.votes.get(pollId);
    if (voters) for (const [reader, vote] of voters) if (vote === null) voters.delete(reader);
    // Any change may change which poll is current for a placement.
    this.currentByPlacement.clear();
  }

  forget(pollId: string): void {
    this.invalidate(pollId);
    this.votes.delete(pollId);
  }

  private store(pollId: string, snapshot: PollSnapshot | null): void {
    if (this.snapshots.size >= MAX_POLLS && !this.snapshots.has(pollId)) {
      const oldest = this.snapshots.keys().next().value;
      if (oldest !== undefined) this.snapshots.delete(oldest);
    }
    this.snapshots.set(pollId, { snapshot, expiresAt: this.now() + this.ttlMs });
  }

  private generation(pollId: string): number {
    return this.generations.get(pollId) ?? 0;
  }

  private bump(pollId: string): void {
    if (this.generations.size >= MAX_POLLS * 2) this.generations.clear();
    this.generations.set(pollId, this.generation(pollId) + 1);
  }
}
