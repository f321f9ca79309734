import { RateLimitedError } from '@app/contracts';

/** What a client over its quota is told to wait: streams close when readers leave a page, not on a clock. */
export const STREAM_QUOTA_RETRY_AFTER_SECONDS = 10;

/**
 * Open long-lived streams per client address on this gateway copy. A place is taken when a stream opens
 * and given back when it closes; counts live in memory because the streams do (a copy that dies takes
 * both with it).
 */
export class StreamQuota {
  private readonly open = new Map<string, number>();

  constructor(readonly perAddress: number) {}

  /** Takes a place for `address`; returns the function that gives it back (once, however often called). */
  take(address: string): () => void {
    const count = this.open.get(address) ?? 0;
    if (count >= this.perAddress) {
      throw new RateLimitedError(
        `This address already has ${this.perAddress} live streams open.`,
        STREAM_QUOTA_RETRY_AFTER_SECONDS,
      );
    }
    this.open.set(address, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(address) ?? 1) - 1;
      if (left > 0) this.open.set(address, left);
      else this.open.delete(address);
    };
  }

  openFor(address: string): number {
    return this.open.get(address) ?? 0;
  }
}
