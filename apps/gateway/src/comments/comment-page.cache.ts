/** A first page as every anonymous reader sees it, with its JSON made once for all of them. */
import { ChangeGenerations } from '../cache/change-generations';

export interface CachedPage<P> {
  page: P;
  /** The page as JSON in UTF-8, made on the first read that needed it: every reader gets these bytes. */
  json?: Buffer;
  expiresAt: number;
}

/**
 * The gateway's memory of the public first page of an article's comments, per sort. It holds only what
 * the comments service showed an anonymous caller (no reader's own reaction in it). An article's pages
 * are dropped when the service signals a change to the article (every gateway copy hears it) and expire
 * after a TTL in case a signal was lost. Concurrent misses for one page share one request, and a load
 * that started before a change is not kept after it. Nothing here is the only copy of anything.
 */
export class CommentPageCache<P> {
  private readonly pages = new Map<string, Map<string, CachedPage<P>>>();
  private readonly loading = new Map<string, Promise<P>>();
  /** A load that started before a change to its article is not stored. */
  private readonly changes: ChangeGenerations;

  constructor(
    private readonly ttlMs: number,
    private readonly maxArticles: number,
    private readonly now: () => number = Date.now,
  ) {
    this.changes = new ChangeGenerations(maxArticles);
  }

  /** The fresh cached page of (article, sort), if any. */
  lookup(articleId: string, sort: string): CachedPage<P> | undefined {
    const cached = this.pages.get(articleId)?.get(sort);
    return cached && cached.expiresAt > this.now() ? cached : undefined;
  }

  /** The cached page, or the one `fetch` gets (once for every concurrent miss), kept unless the article changed meanwhile. */
  async load(articleId: string, sort: string, fetch: () => Promise<P>): Promise<P> {
    const cached = this.lookup(articleId, sort);
    if (cached) return cached.page;
    const key = `${sort}|${articleId}`;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const mark = this.changes.mark(articleId);
    const promise = fetch()
      .then((page) => {
        if (this.changes.unchangedSince(articleId, mark)) this.store(articleId, sort, page);
        return page;
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, promise);
    return promise;
  }

  /** Something about the article changed: its pages are read again from the service. */
  invalidate(articleId: string): void {
    this.changes.changed(articleId);
    this.pages.delete(articleId);
  }

  /** Everything may have changed (a signal naming more articles than is worth going through). */
  clear(): void {
    this.changes.everythingChanged();
    this.pages.clear();
  }

  private store(articleId: string, sort: string, page: P): void {
    let sorts = this.pages.get(articleId);
    if (!sorts) {
      if (this.pages.size >= this.maxArticles) {
        const oldest = this.pages.keys().next().value;
        if (oldest !== undefined) this.pages.delete(oldest);
      }
      sorts = new Map();
      this.pages.set(articleId, sorts);
    }
    sorts.set(sort, { page, expiresAt: this.now() + this.ttlMs });
  }
}
