export interface GroupCommitOptions {
  /** A batch goes out as soon as this many items wait. */
  maxSize: number;
  /** ... or once the first waiting item has waited this long. 0: no batching, one item per write. */
  maxDelayMs: number;
  /** Batches written at once; items that come meanwhile wait and go together in the next one. */
  maxInFlight: number;
}

/**
 * Writes a batch and settles each of its items. A rejected promise fails every item of the batch;
 * a `rejected` entry fails that item alone.
 */
export type BatchWriter<TItem, TResult> = (items: TItem[]) => Promise<PromiseSettledResult<TResult>[]>;

interface Waiter<TItem, TResult> {
  item: TItem;
  resolve(result: TResult): void;
  reject(error: unknown): void;
}

/**
 * Group commit: concurrent callers' items are collected and written together, so a burst shares one
 * round trip and one transaction instead of paying for one each. A caller's promise settles only with
 * the outcome of the write its item was part of.
 */
export class GroupCommit<TItem, TResult> {
  private pending: Waiter<TItem, TResult>[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The first waiting item has waited maxDelayMs: the next free slot takes what waits. */
  private due = false;
  private inFlight = 0;

  constructor(
    private readonly options: GroupCommitOptions,
    private readonly write: BatchWriter<TItem, TResult>,
  ) {
    if (options.maxSize < 1 || options.maxInFlight < 1 || options.maxDelayMs < 0) {
      throw new RangeError('GroupCommit needs maxSize ≥ 1, maxInFlight ≥ 1 and maxDelayMs ≥ 0');
    }
  }

  submit(item: TItem): Promise<TResult> {
    return new Promise<TResult>((resolve, reject) => {
      if (this.options.maxDelayMs === 0) {
        this.run([{ item, resolve, reject }], false);
        return;
      }
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.options.maxSize) this.drain();
      else if (this.timer === undefined && !this.due) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.due = true;
          this.drain();
        }, this.options.maxDelayMs);
      }
    });
  }

  /** Items waiting for a batch (not those being written). */
  get waiting(): number {
    return this.pending.length;
  }

  private drain(): void {
    while (
      this.pending.length > 0 &&
      this.inFlight < this.options.maxInFlight &&
      (this.due || this.pending.length >= this.options.maxSize)
    ) {
      const batch = this.pending.splice(0, this.options.maxSize);
      if (this.pending.length === 0) {
        this.due = false;
        if (this.timer !== undefined) clearTimeout(this.timer);
        this.timer = undefined;
      }
      this.run(batch, true);
    }
  }

  private run(batch: Waiter<TItem, TResult>[], counted: boolean): void {
    if (counted) this.inFlight += 1;
    const fail = (error: unknown): void => batch.forEach((waiter) => waiter.reject(error));
    let written: Promise<PromiseSettledResult<TResult>[]>;
    try {
      written = this.write(batch.map((waiter) => waiter.item));
    } catch (error) {
      written = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    // The slot is freed before the callers hear back, so the next batch is on its way first.
    const done = (): void => {
      if (!counted) return;
      this.inFlight -= 1;
      this.drain();
    };
    written.then(
      (results) => {
        done();
        if (results.length !== batch.length) {
          fail(new Error(`a batch of ${batch.length} was answered with ${results.length} results`));
          return;
        }
        results.forEach((result, index) => {
          if (result.status === 'fulfilled') batch[index].resolve(result.value);
          else batch[index].reject(result.reason);
        });
      },
      (error: unknown) => {
        done();
        fail(error);
      },
    );
  }
}
