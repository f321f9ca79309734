import { ChildProcess, spawn } from 'node:child_process';
import { LineSplitter, prefixFor, type Log } from './log';

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface ChildExit {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Supervised {
  spec: ChildSpec;
  process: ChildProcess;
  exited: Promise<ChildExit>;
}

/**
 * Runs child processes with every line of their output prefixed by their name, and stops them
 * together. Children get their own process group, so a Ctrl-C in the terminal reaches only the
 * launcher, which then sends one SIGTERM to each: a second signal in the middle of a graceful
 * shutdown would end a Nest app at once.
 */
export class Supervisor {
  private readonly children = new Map<string, Supervised>();
  private stopping = false;
  private onExit?: (exit: ChildExit) => void;

  constructor(
    private readonly log: Log,
    private readonly out: NodeJS.WritableStream = process.stdout,
  ) {}

  /** Called when a child exits while the supervisor is not stopping them. */
  onUnexpectedExit(listener: (exit: ChildExit) => void): void {
    this.onExit = listener;
  }

  start(spec: ChildSpec): ChildProcess {
    const child = spawn(spec.command, spec.args, {
      env: spec.env ?? process.env,
      cwd: spec.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.pipe(spec.name, child);
    const exited = new Promise<ChildExit>((resolve) => {
      child.once('error', (error) => {
        this.log(`${spec.name}: could not start: ${error.message}`);
        resolve({ name: spec.name, code: 127, signal: null });
      });
      child.once('exit', (code, signal) => resolve({ name: spec.name, code, signal }));
    });
    const supervised: Supervised = { spec, process: child, exited };
    this.children.set(spec.name, supervised);
    void exited.then((exit) => {
      this.children.delete(spec.name);
      if (!this.stopping) this.onExit?.(exit);
    });
    return child;
  }

  running(): string[] {
    return [...this.children.keys()];
  }

  /** Resolves when the named child exits (at once if it is not running). */
  async exitOf(name: string): Promise<ChildExit | undefined> {
    return this.children.get(name)?.exited;
  }

  /** SIGTERM to every child, then SIGKILL to those still running after `timeoutMs`. */
  async stopAll(timeoutMs: number): Promise<void> {
    this.stopping = true;
    const children = [...this.children.values()];
    for (const child of children) signal(child.process, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const all = Promise.all(children.map((child) => child.exited));
    const outcome = await Promise.race([all, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      const left = [...this.children.values()];
      this.log(`still running after ${timeoutMs} ms, killing: ${left.map((c) => c.spec.name).join(', ')}`);
      for (const child of left) signal(child.process, 'SIGKILL');
      await Promise.all(left.map((child) => child.exited));
    }
  }

  /** For the last moment of the launcher's own exit: nothing may be left behind. */
  killAllNow(): void {
    this.stopping = true;
    for (const child of this.children.values()) signal(child.process, 'SIGKILL');
  }

  private pipe(name: string, child: ChildProcess): void {
    const prefix = prefixFor(name);
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      const lines = new LineSplitter();
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        for (const line of lines.push(chunk)) this.out.write(`${prefix}${line}\n`);
      });
      stream.on('end', () => {
        for (const line of lines.flush()) this.out.write(`${prefix}${line}\n`);
      });
    }
  }
}

function signal(child: ChildProcess, name: NodeJS.Signals): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    child.kill(name);
  } catch {
    // Already gone.
  }
}

export function describeExit(exit: ChildExit): string {
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}
