import type { IntakeLimits } from '../domain/intake-limits';
import { IntakeBudget } from '../domain/intake-limits';
import type { AttachmentWriter } from '../storage/attachment-storage';
import type { StepwiseCleaner } from '../files/stepwise-cleaner';

/** The file of an upload whose chunks are arriving. */
export interface FileInProgress {
  index: number;
  attachmentId: string;
  cleaner: StepwiseCleaner;
  writer: AttachmentWriter;
  nextSeq: number;
}

/** What this copy holds of one upload between its chunks. */
export class IntakeSession {
  readonly budget: IntakeBudget;
  current?: FileInProgress;
  /** Index of the last file that ended; -1 before the first. */
  lastEnded = -1;
  lastSeenAt = Date.now();
  /** Chunks of one upload are handled one after another, even if a client sends the next too early. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly intakeId: string,
    limits: IntakeLimits,
  ) {
    this.budget = new IntakeBudget(limits);
  }

  serialise<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** The uploads this copy holds, by intake id. Lost with the process; the sweep deletes what they left. */
export class IntakeSessions {
  private readonly sessions = new Map<string, IntakeSession>();

  open(intakeId: string, limits: IntakeLimits): IntakeSession {
    const session = new IntakeSession(intakeId, limits);
    this.sessions.set(intakeId, session);
    return session;
  }

  get(intakeId: string): IntakeSession | undefined {
    const session = this.sessions.get(intakeId);
    if (session) session.lastSeenAt = Date.now();
    return session;
  }

  drop(intakeId: string): void {
    this.sessions.delete(intakeId);
  }

  /** Forgets sessions idle since before `cutoffMs` (their upload was completed elsewhere or abandoned). */
  forgetIdle(cutoffMs: number): void {
    for (const [id, session] of this.sessions) {
      if (session.lastSeenAt < cutoffMs) this.sessions.delete(id);
    }
  }

  get size(): number {
    return this.sessions.size;
  }
}
