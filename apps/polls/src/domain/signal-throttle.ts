export interface ThrottleTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: ThrottleTimers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * At most one emission per key per interval, on the leading and trailing edge: the first hit emits at
 * once; hits during the following interval are folded into one emission at its end, which opens the
 * next interval. A burst of any size therefore costs at most 1 + duration / interval emissions, and the
 * last change is never left unannounced.
 */
export class SignalThrottle {
  private readonly windows = new Map<string, { pending: boolean; handle: unknown }>();

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (key: string) => void,
    private readonly timers: ThrottleTimers = realTimers,
  ) {}

  hit(key: string): void {
    const window = this.windows.get(key);
    if (window) {
      window.pending = true;
      return;
    }
    this.emit(key);
    this.open(key);
  }

  /** Emits what is pending now and forgets every window (for shutdown). */
  flush(): void {
    const pending = [...this.windows.entries()].filter(([, window]) => window.pending).map(([key]) => key);
    this.windows.forEach((window) => this.timers.clearTimeout(window.handle));
    this.windows.clear();
    pending.forEach((key) => this.emit(key));
  }

  get openWindows(): number {
    return this.windows.size;
  }

  private open(key: string): void {
    const window = { pending: false, handle: undefined as unknown };
    window.handle = this.timers.setTimeout(() => {
      this.windows.delete(key);
      if (window.pending) {
        this.emit(key);
        this.open(key);
      }
    }, this.intervalMs);
    this.windows.set(key, window);
  }
}
