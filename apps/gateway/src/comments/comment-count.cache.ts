import { ChangeGenerations, ChangeMark } from '../cache/change-generations';

interface CachedCount {
  count: number;
  expiresAt: number;
}

/** What a counts load saw when it started: a count read before a later change is not kept. */
export type CountLoadMark = ReadonlyMap<string, ChangeMark>;

/**
 * The gateway's memory of published-comment counts per article, for article lists (one call counts up
 * to 100 articles). Counts are public, the same for every caller. An article's count is dropped when the
 * comments service signals a change to it and expires after a TTL in case a signal was lost; a count
 * read before a change that arrived meanwhile is not kept.
 */
export class CommentCountCache {
  private readonly counts = new Map<string, CachedCount>();
  /** Loads under way, by the ids they ask for: an article list read by many at once asks once. */
  private readonly loading = new Map<string, Promise<Readonly<Record<string, number>>>>();
  private readonly changes: ChangeGenerations;

  constructor(
    private readonly ttlMs: number,
    private readonly maxArticles: number,
    private readonly now: () => number = Date.now,
  ) {
    this.changes = new ChangeGenerations(maxArticles);
  }

  /** The fresh count of each article known here; the others are left out. */
  known(articleIds: readonly string[]): Map<string, number> {
    const at = this.now();
    const found = new Map<string, number>();
    for (const articleId of articleIds) {
      const cached = this.counts.get(articleId);
      if (cached && cached.expiresAt > at) found.set(articleId, cached.count);
    }
    return found;
  }

  /** The counts `fetch` gets for these ids (once for every concurrent identical miss), kept as `store` would. */
  load(
    articleIds: readonly string[],
    fetch: (articleIds: string[]) => Promise<Readonly<Record<string, number>>>,
  ): Promise<Readonly<Record<string, number>>> {
    const key = articleIds.join(',');
    const pending = this.loading.get(key);
    if (pending) return pending;
    const mark = this.mark(articleIds);
    const promise = fetch([...articleIds])
      .then((counts) => {
        this.store(counts, mark);
        return counts;
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, promise);
    return promise;
  }

  /** Taken before asking the service, handed back to `store`. */
  mark(articleIds: readonly string[]): CountLoadMark {
    return new Map(articleIds.map((articleId) => [articleId, this.changes.mark(articleId)]));
  }

  /** Keeps the counts the service gave, except those of articles that changed since `mark`. */
  store(counts: Readonly<Record<string, number>>, mark: CountLoadMark): void {
    const expiresAt = this.now() + this.ttlMs;
    for (const [articleId, count] of Object.entries(counts)) {
      const seen = mark.get(articleId);
      if (!seen || !this.changes.unchangedSince(articleId, seen)) continue;
      if (!this.counts.has(articleId) && this.counts.size >= this.maxArticles) {
        const oldest = this.counts.keys().next().value;
        if (oldest !== undefined) this.counts.delete(oldest);
      }
      this.counts.set(articleId, { count, expiresAt });
    }
  }

  invalidate(articleId: string): void {
    this.changes.changed(articleId);
    this.counts.delete(articleId);
  }

  clear(): void {
    this.changes.everythingChanged();
    this.counts.clear();
  }
}
