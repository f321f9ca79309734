import { ChildProcess, fork, spawn } from 'node:child_process';

const TAIL_LINES = 40;

/**
 * One process the bench started: its last output lines kept for error messages, stopped with SIGTERM
 * and, past a grace period, SIGKILL.
 */
export class BenchChild {
  private readonly tail: string[] = [];
  private readonly exited: Promise<number | null>;
  /** How the process ended (`code 1`, `signal SIGKILL`), once it has. */
  ended?: string;

  private constructor(
    readonly name: string,
    readonly process: ChildProcess,
  ) {
    let buffered = '';
    const collect = (chunk: Buffer): void => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      this.tail.push(...lines.filter((line) => line.length > 0));
      this.tail.splice(0, Math.max(0, this.tail.length - TAIL_LINES));
    };
    process.stdout?.on('data', collect);
    process.stderr?.on('data', collect);
    this.exited = new Promise((resolve) =>
      process.once('exit', (code, signal) => {
        this.ended = signal ? `signal ${signal}` : `code ${code}`;
        resolve(code);
      }),
    );
  }

  /** A command with its own arguments and environment added to the bench's. */
  static spawn(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): BenchChild {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new BenchChild(name, child);
  }

  /** A Node module of the bench, with an IPC channel for its messages. */
  static fork(name: string, modulePath: string, env: NodeJS.ProcessEnv = {}): BenchChild {
    const child = fork(modulePath, [], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    return new BenchChild(name, child);
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** The last lines the process wrote, for a message explaining why it failed. */
  lastLines(): string {
    return this.tail.join('\n');
  }

  async stop(graceMs = 15000): Promise<void> {
    if (!this.running) return;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
    try {
      await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
