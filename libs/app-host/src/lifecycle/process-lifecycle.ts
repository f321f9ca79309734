import type { EventEmitter } from 'node:events';

export interface LifecycleLogger {
  debug(message: string, context?: string): void;
  log(message: string, context?: string): void;
  warn(message: string, context?: string): void;
  error(message: unknown, ...rest: unknown[]): void;
  /** Resolves once the lines written so far are out; the last ones must not be lost or reordered. */
  flush(): Promise<void>;
}

export interface LifecycleOptions {
  /** The longest a stop may take (SHUTDOWN_TIMEOUT_MS); then the process exits with 1 anyway. */
  timeoutMs: number;
  /** Where signals and crashes are heard; the process itself outside tests. */
  events?: EventEmitter;
  exit?: (code: number) => void;
}

interface Closer {
  what: string;
  close(): Promise<void>;
}

const CONTEXT = 'Lifecycle';

/** A log destination that does not drain (a full pipe nobody reads) must not hold up the exit. */
const FLUSH_BOUND_MS = 200;

/**
 * A process's life from its first step to its exit. It hears SIGTERM and SIGINT from its first step,
 * so a stop asked for while the process still waits on NATS, the database or a migration lock ends it
 * at once, with a line that says where it was, instead of once that wait is over. Whatever the process
 * opened is closed in reverse order; however long that takes, it exits within the timeout.
 */
export class ProcessLifecycle {
  private stage = 'starting';
  private running = false;
  private readonly closers: Closer[] = [];
  private stopping?: Promise<void>;
  private readonly events: EventEmitter;
  private readonly exit: (code: number) => void;

  constructor(
    private readonly logger: LifecycleLogger,
    private readonly options: LifecycleOptions,
  ) {
    this.events = options.events ?? process;
    this.exit = options.exit ?? ((code) => process.exit(code));
  }

  install(): this {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      this.events.on(signal, () => this.onSignal(signal));
    }
    this.events.on('uncaughtException', (error: unknown) => void this.fail(error, 'uncaught exception'));
    this.events.on('unhandledRejection', (error: unknown) => void this.fail(error, 'unhandled rejection'));
    return this;
  }

  /** Names the start-up step under way, for the line a stop during start-up prints. */
  at(stage: string): void {
    this.stage = stage;
    this.logger.debug(stage, CONTEXT);
  }

  /** Something to close at the stop, after whatever is opened later. */
  opened(what: string, close: () => Promise<void>): void {
    this.closers.push({ what, close });
  }

  /** Start-up is over: from now on a stop is an ordinary one. */
  started(): void {
    this.running = true;
  }

  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  /** Closes what was opened and exits with `code`; a second call waits for the first. */
  stop(code: number, reason?: string): Promise<void> {
    this.stopping ??= this.closeAll(code, reason);
    return this.stopping;
  }

  /** Start-up or a crash failed: says so, with the error, and stops with exit code 1. */
  fail(error: unknown, what = this.running ? 'failed' : `failed to start (${this.stage})`): Promise<void> {
    this.logger.error(error instanceof Error ? error : String(error), CONTEXT);
    if (this.stopping) return this.stopping;
    return this.stop(1, `${what}: ${error instanceof Error ? error.message : String(error)}`);
  }

  private onSignal(signal: NodeJS.Signals): void {
    if (this.stopping) {
      this.logger.warn(`${signal} again while stopping: exiting now`, CONTEXT);
      this.exit(1);
      return;
    }
    void this.stop(
      0,
      this.running ? `${signal} received: stopping` : `${signal} during start-up (${this.stage}): stopping`,
    );
  }

  private async closeAll(code: number, reason?: string): Promise<void> {
    if (reason) this.logger.log(reason, CONTEXT);
    let step = 'stopping';
    const deadline = setTimeout(() => {
      this.logger.error(
        `did not stop within ${this.options.timeoutMs} ms (still ${step}): exiting now`,
        CONTEXT,
      );
      void this.exitAfterFlush(1);
    }, this.options.timeoutMs);
    let exitCode = code;
    for (const closer of [...this.closers].reverse()) {
      step = `closing ${closer.what}`;
      try {
        await closer.close();
      } catch (error) {
        this.logger.warn(`${closer.what} did not close cleanly: ${String(error)}`, CONTEXT);
        exitCode = exitCode || 1;
      }
    }
    clearTimeout(deadline);
    if (reason) this.logger.log('stopped', CONTEXT);
    await this.exitAfterFlush(exitCode);
  }

  /** Asynchronous log writes still under way at exit would be lost or land after the later ones. */
  private async exitAfterFlush(code: number): Promise<void> {
    const flushed = this.logger.flush();
    const bound = new Promise<void>((resolve) => setTimeout(resolve, FLUSH_BOUND_MS).unref());
    await Promise.race([flushed, bound]);
    this.exit(code);
  }
}
