import { readFileSync } from 'node:fs';

/** Resident memory of one process in bytes (VmRSS of /proc/<pid>/status); 0 where /proc cannot tell. */
export function residentBytesOf(pid: number): number {
  try {
    const line = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return line ? Number(line[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Samples the resident memory of named processes every few milliseconds while a run lasts and keeps
 * each one's peak: what an upload costs a process is its peak over what it held idle just before.
 */
export class RssMeter {
  private readonly peaks = new Map<string, number>();
  private readonly idle = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly pids: Record<string, number>,
    private readonly everyMs = 10,
  ) {}

  start(): void {
    for (const [name, pid] of Object.entries(this.pids)) {
      const now = residentBytesOf(pid);
      this.idle.set(name, now);
      this.peaks.set(name, now);
    }
    this.timer = setInterval(() => this.sample(), this.everyMs);
  }

  /** Peak growth over idle, in bytes, by process name. */
  stop(): Record<string, { idleBytes: number; peakBytes: number; growthBytes: number }> {
    clearInterval(this.timer);
    this.sample();
    return Object.fromEntries(
      Object.keys(this.pids).map((name) => {
        const idleBytes = this.idle.get(name) ?? 0;
        const peakBytes = this.peaks.get(name) ?? 0;
        return [name, { idleBytes, peakBytes, growthBytes: Math.max(0, peakBytes - idleBytes) }];
      }),
    );
  }

  private sample(): void {
    for (const [name, pid] of Object.entries(this.pids)) {
      this.peaks.set(name, Math.max(this.peaks.get(name) ?? 0, residentBytesOf(pid)));
    }
  }
}
