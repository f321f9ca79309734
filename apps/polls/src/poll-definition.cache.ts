import type { PollDefinition } from './domain/poll-definition';

/**
 * Poll definitions for the vote path, kept for a short time so a vote needs no read before its one
 * write. It is a copy, never the only one: the database re-checks everything the vote depends on, a
 * miss or expiry reads it again, and changes announced by any copy of the service drop the entry.
 */
export class PollDefinitionCache {
  private readonly entries = new Map<string, { definition: PollDefinition; expiresAt: number }>();
  private readonly loading = new Map<string, Promise<PollDefinition | null>>();

  constructor(
    private readonly ttlMs: number,
    private readonly load: (pollId: string) => Promise<PollDefinition | null>,
    private readonly maxEntries = 10000,
  ) {}

  async get(pollId: string): Promise<PollDefinition | null> {
    const entry = this.entries.get(pollId);
    if (entry && entry.expiresAt > Date.now()) return entry.definition;
    return this.reload(pollId);
  }

  /** Reads the definition now; concurrent callers share one read. */
  reload(pollId: string): Promise<PollDefinition | null> {
    const pending = this.loading.get(pollId);
    if (pending) return pending;
    const loading = this.load(pollId)
      .then((definition) => {
        if (definition && this.ttlMs > 0) {
          if (this.entries.size >= this.maxEntries) this.entries.clear();
          this.entries.set(pollId, { definition, expiresAt: Date.now() + this.ttlMs });
        } else {
          this.entries.delete(pollId);
        }
        return definition;
      })
      .finally(() => this.loading.delete(pollId));
    this.loading.set(pollId, loading);
    return loading;
  }

  forget(pollId: string): void {
    this.entries.delete(pollId);
  }
}
