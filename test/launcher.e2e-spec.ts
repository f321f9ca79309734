import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { Client } from 'pg';
import { withDatabase } from '@app/persistence';
import { REPO_ROOT } from '@test/support/app-process';
import { TEST_POSTGRES_URL } from '@test/support/test-database';
import { TEST_NATS_URL } from '@test/support/test-nats';
import { waitFor } from '@test/support/wait-for';

/** Every port `npm start` derives from PORT (PORT..PORT+14) must be free. */
const PORTS_PER_SUITE = 15;
const STOP_BOUND_MS = 20000;

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

async function freePortBase(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const base = 20000 + Math.floor(Math.random() * 2000) * 20;
    const free = await Promise.all(Array.from({ length: PORTS_PER_SUITE }, (_, i) => portIsFree(base + i)));
    if (free.every(Boolean)) return base;
  }
  throw new Error('no free range of ports for the launcher');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `npm start` as it runs once the build is done: npm, the shell of its script, then the launcher. */
function npmStartWithoutBuild(): { dir: string; script: string } {
  const start = (
    JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
  ).scripts.start;
  const script = start.replace(/^npm run build --silent && /, '');
  if (script === start) throw new Error(`the start script no longer builds first: ${start}`);
  const dir = mkdtempSync(join(tmpdir(), 'engage-npm-start-'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'npm-start-shape', scripts: { start: script } }),
  );
  symlinkSync(join(REPO_ROOT, 'dist'), join(dir, 'dist'));
  return { dir, script };
}

class Launch {
  readonly lines: string[] = [];
  readonly exited: Promise<number | null>;

  constructor(readonly process: ChildProcess) {
    let partial = '';
    const collect = (chunk: Buffer): void => {
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      this.lines.push(...parts);
    };
    process.stdout!.on('data', collect);
    process.stderr!.on('data', collect);
    this.exited = new Promise((resolve) => process.once('exit', (code) => resolve(code)));
  }

  async ready(): Promise<number[]> {
    await waitFor(
      () => this.lines.some((line) => /launcher +\| ready at /.test(line)) || this.process.exitCode !== null,
      90000,
      'the launcher to say it is ready',
    ).catch((error: Error) => {
      throw new Error(`${error.message}; its last lines:\n${this.lines.slice(-30).join('\n')}`);
    });
    if (!this.lines.some((line) => /ready at /.test(line))) {
      throw new Error(`the launcher stopped before it was ready:\n${this.lines.slice(-30).join('\n')}`);
    }
    return this.appPids();
  }

  appPids(): number[] {
    return this.lines.flatMap((line) => {
      const started = /launcher +\| started \w+ \(pid (\d+);/.exec(line);
      return started ? [Number(started[1])] : [];
    });
  }

  /** Whatever a failed test left running. */
  async cleanUp(): Promise<void> {
    if (this.process.exitCode === null && this.process.signalCode === null) {
      this.process.kill('SIGTERM');
      await Promise.race([this.exited, new Promise((resolve) => setTimeout(resolve, STOP_BOUND_MS))]);
    }
    for (const pid of this.appPids().filter(isAlive)) process.kill(pid, 'SIGKILL');
  }
}

describe('npm start', () => {
  const databaseName = `engage_launcher_${randomBytes(5).toString('hex')}`;
  const eventsStream = 'LAUNCHER_EVENTS';
  const natsPrefix = `launcher${randomBytes(4).toString('hex')}`;
  const npm = npmStartWithoutBuild();
  let port: number;
  const launches: Launch[] = [];

  function env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      APPS: 'polls,gateway',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: withDatabase(TEST_POSTGRES_URL, databaseName),
      NATS_URL: TEST_NATS_URL,
      EVENTS_STREAM: eventsStream,
      NATS_PREFIX: natsPrefix,
      DEMO: 'false',
      READER_TOKEN_SECRET: randomBytes(32).toString('hex'),
      STAFF_JWT_SECRET: randomBytes(32).toString('hex'),
      HASH_SECRET: randomBytes(32).toString('hex'),
      ADMIN_EMAIL: 'admin@launcher.test',
      ADMIN_PASSWORD: randomBytes(16).toString('hex'),
      LOG_LEVEL: 'warn',
    };
  }

  function launch(command: string, args: string[], cwd = REPO_ROOT): Launch {
    const started = new Launch(spawn(command, args, { cwd, env: env(), stdio: ['ignore', 'pipe', 'pipe'] }));
    launches.push(started);
    return started;
  }

  async function expectAllGone(pids: number[], launch: Launch): Promise<void> {
    await waitFor(() => pids.every((pid) => !isAlive(pid)), STOP_BOUND_MS, 'every app to stop');
    expect(await launch.exited).toBe(0);
  }

  beforeEach(async () => {
    port = await freePortBase();
  });

  afterAll(async () => {
    for (const launch of launches) await launch.cleanUp();
    rmSync(npm.dir, { recursive: true, force: true });
    const admin = new Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
    const nc = await connect({ servers: TEST_NATS_URL });
    await (
      await nc.jetstreamManager()
    ).streams
      .delete(`${natsPrefix}_${eventsStream}`)
      .catch(() => undefined);
    await nc.close();
  });

  it('creates a missing database once, prints every port, and stops every app on SIGTERM to the launcher', async () => {
    const launcher = launch(process.execPath, ['dist/scripts/start.js']);
    const pids = await launcher.ready();
    expect(pids).toHaveLength(2);
    expect(launcher.lines).toContainEqual(expect.stringMatching(`database: created ${databaseName}`));
    expect(launcher.lines).toContainEqual(
      expect.stringMatching(`started polls \\(pid \\d+; health ${port + 1}, metrics ${port + 11}\\)`),
    );
    expect(launcher.lines).toContainEqual(
      expect.stringMatching(`started gateway \\(pid \\d+; http ${port}, metrics ${port + 10}\\)`),
    );
    expect((await fetch(`http://127.0.0.1:${port + 1}/health/ready`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);

    launcher.process.kill('SIGTERM');
    await expectAllGone(pids, launcher);
  });

  it("stops every app when npm itself gets SIGTERM, as from an IDE's stop button", async () => {
    const started = launch('npm', ['start', '--silent'], npm.dir);
    const pids = await started.ready();
    expect(pids).toHaveLength(2);

    started.process.kill('SIGTERM');
    await expectAllGone(pids, started);
  });

  it('stops every app when `timeout` ends npm start, signalling npm and its whole process group', async () => {
    // timeout relays a SIGTERM it gets as it would on expiry: to npm, then to its process group.
    const started = launch('timeout', ['600', 'npm', 'start', '--silent'], npm.dir);
    const pids = await started.ready();
    expect(pids).toHaveLength(2);

    started.process.kill('SIGTERM');
    await waitFor(() => pids.every((pid) => !isAlive(pid)), STOP_BOUND_MS, 'every app to stop');
    expect(started.lines.filter((line) => /launcher +\| SIGTERM received/.test(line))).toHaveLength(1);
    expect(started.lines).not.toContainEqual(expect.stringMatching(/killing what is left/));
    await started.exited;
  });

  it('leaves no app behind when the launcher itself is killed with SIGKILL', async () => {
    const launcher = launch(process.execPath, ['dist/scripts/start.js']);
    const pids = await launcher.ready();
    expect(pids).toHaveLength(2);

    launcher.process.kill('SIGKILL');
    await waitFor(() => pids.every((pid) => !isAlive(pid)), STOP_BOUND_MS, 'every app to stop on its own');
  });
});
