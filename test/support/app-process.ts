import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from './wait-for';

export const REPO_ROOT = join(__dirname, '..', '..');

/** One app of the suite running as its own process from the build, with its log lines kept. */
export class AppProcess {
  readonly lines: string[] = [];
  private child?: ChildProcess;
  private exited?: Promise<number | null>;

  constructor(
    readonly name: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  start(): this {
    const main = join(REPO_ROOT, 'dist', 'apps', this.name, 'src', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run "npm run build" before the suite tests`);
    const child = spawn(process.execPath, [main], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    const collect = (chunk: Buffer): void => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      this.lines.push(...parts.filter((line) => line.length > 0));
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    this.child = child;
    return this;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Log lines parsed as JSON (lines that are not JSON are skipped). */
  jsonLines(): Record<string, unknown>[] {
    return this.lines.flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }

  async waitForLine(pattern: RegExp, timeoutMs = 30000): Promise<void> {
    await waitFor(
      () => this.lines.some((line) => pattern.test(line)) || !this.running,
      timeoutMs,
      `${this.name} to log ${pattern}`,
    );
    if (!this.lines.some((line) => pattern.test(line))) {
      throw new Error(`${this.name} exited before logging ${pattern}:\n${this.lines.slice(-20).join('\n')}`);
    }
  }

  /** SIGTERM and wait: the graceful path. */
  async stop(timeoutMs = 15000): Promise<number | null> {
    if (!this.child || !this.running) return this.child?.exitCode ?? null;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited!;
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL: the process dies at once, with whatever it had in flight. */
  async kill(): Promise<void> {
    if (!this.child || !this.running) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }
}
