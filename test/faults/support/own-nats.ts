import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@test/support/free-port';
import { waitForPort } from '@test/support/wait-for-port';

/**
 * A nats-server with JetStream of the test's own, on a port and a store folder nobody else uses, so it
 * can be stopped and started again under the suite without touching the machine's NATS. The store is
 * kept across a restart, as a server's disk would be.
 */
export class OwnNats {
  private child?: ChildProcess;
  private exited?: Promise<void>;

  private constructor(
    private readonly binary: string,
    readonly port: number,
    private readonly storeDir: string,
  ) {}

  static async start(): Promise<OwnNats> {
    const binary = spawnSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' }).stdout.trim();
    if (!binary) throw new Error('the fault tests need a nats-server binary on the PATH');
    const nats = new OwnNats(binary, await freePort(), mkdtempSync(join(tmpdir(), 'engage-faults-nats-')));
    await nats.startServer();
    return nats;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** A clean stop (SIGTERM: JetStream flushes its store) and a start on the same port and store. */
  async restart(): Promise<void> {
    await this.stopServer();
    await this.startServer();
  }

  async stopServer(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    await this.exited;
  }

  async startServer(): Promise<void> {
    const child = spawn(
      this.binary,
      ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir],
      {
        stdio: 'ignore',
      },
    );
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.child = child;
    await waitForPort(this.port, 15000);
  }

  async stop(): Promise<void> {
    await this.stopServer();
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}
