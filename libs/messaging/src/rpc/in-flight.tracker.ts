/** Counts message handlers still running, so shutdown can wait for them to answer. */
export class InFlightTracker {
  private running = 0;
  private waiters: Array<() => void> = [];

  start(): () => void {
    this.running += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.running -= 1;
      if (this.running === 0) this.waiters.splice(0).forEach((wake) => wake());
    };
  }

  get count(): number {
    return this.running;
  }

  /** Resolves when nothing runs, or after `timeoutMs`, whichever comes first. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.running === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
