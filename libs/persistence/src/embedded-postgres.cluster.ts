import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { ServerAccount } from './embedded-postgres.account';
import type { PostgresBinaries } from './embedded-postgres.binaries';

/** The superuser of an embedded cluster; it trusts connections, and it listens only on loopback. */
export const EMBEDDED_USER = 'postgres';

export interface ClusterSettings {
  binaries: PostgresBinaries;
  dataDir: string;
  account: ServerAccount;
  /** Data that nobody keeps: durability is traded for speed (no fsync). */
  throwaway: boolean;
  /**
   * Its own process group, so a Ctrl-C in the terminal reaches only the launcher, which stops the
   * database after the apps that use it, not under them.
   */
  detached: boolean;
  onLog?: (line: string) => void;
}

export interface RunningCluster {
  port: number;
  pid: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30000;
const STOP_TIMEOUT_MS = 10000;
const LOG_TAIL_LINES = 30;

/** initdb, unless the folder already holds a cluster. */
export async function initCluster(settings: ClusterSettings): Promise<boolean> {
  const { dataDir, account, binaries } = settings;
  if (existsSync(join(dataDir, 'PG_VERSION'))) return false;
  mkdirSync(dataDir, { recursive: true });
  if (account.uid !== undefined) chownSync(dataDir, account.uid, account.gid ?? account.uid);
  const args = [
    `--pgdata=${dataDir}`,
    '--auth=trust',
    `--username=${EMBEDDED_USER}`,
    '--encoding=UTF8',
    `--locale=${pickLocale(availableLocales())}`,
    ...(settings.throwaway ? ['--no-sync'] : []),
  ];
  const result = await run(binaries.initdb, args, settings);
  if (result.code !== 0) {
    const reach =
      account.uid !== undefined ? ` (the "postgres" account must be able to reach ${dataDir})` : '';
    throw new Error(
      `initdb failed in ${dataDir}${reach}:\n${result.output.slice(-LOG_TAIL_LINES).join('\n')}`,
    );
  }
  return true;
}

/** Starts the server on `port` and resolves once it takes queries. */
export async function startCluster(settings: ClusterSettings, port: number): Promise<RunningCluster> {
  const args = [
    '-D',
    settings.dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    // TCP only: the default socket folder may not exist or be writable where this runs.
    '-c',
    'unix_socket_directories=',
    // Every app keeps a pool (DATABASE_POOL_MAX each), and tests open databases side by side.
    '-c',
    'max_connections=300',
    ...(settings.throwaway
      ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
      : []),
  ];
  const child = spawnAs(settings.binaries.postgres, args, settings);
  let announcedReady!: () => void;
  const announced = new Promise<void>((resolve) => (announcedReady = resolve));
  const output = collectLines(child, (line) => {
    // Connecting before this line only earns a FATAL "the database system is starting up" in the log.
    if (line.includes('ready to accept connections')) announcedReady();
    settings.onLog?.(line);
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(127));
  });
  const ready = await Promise.race([
    withTimeout(announced, START_TIMEOUT_MS)
      .then((inTime) => inTime && waitUntilQueryable(port, START_TIMEOUT_MS))
      .then((ok) => (ok ? 'ready' : 'timeout')),
    exited.then(() => 'exited' as const),
  ]);
  if (ready !== 'ready') {
    if (ready === 'timeout') await stopProcess(child, exited);
    throw new EmbeddedStartError(
      `PostgreSQL ${ready === 'timeout' ? `did not take queries within ${START_TIMEOUT_MS} ms` : 'stopped at start'}` +
        `:\n${output.slice(-LOG_TAIL_LINES).join('\n')}`,
      output.some((line) => /could not bind|Address already in use/i.test(line)),
    );
  }
  let stopped: Promise<void> | undefined;
  return {
    port,
    pid: child.pid!,
    stop: () => (stopped ??= stopProcess(child, exited)),
  };
}

export class EmbeddedStartError extends Error {
  constructor(
    message: string,
    /** The port was taken between choosing it and binding it: another port may work. */
    readonly portTaken: boolean,
  ) {
    super(message);
    this.name = 'EmbeddedStartError';
  }
}

/** A UTF-8 locale the system has, so that lower() and upper() handle Cyrillic; C as the last resort. */
export function pickLocale(available: readonly string[]): string {
  const normalised = new Map(available.map((name) => [name.toLowerCase().replace('utf-8', 'utf8'), name]));
  for (const wanted of ['c.utf8', 'en_us.utf8']) {
    const found = normalised.get(wanted);
    if (found) return found;
  }
  return 'C';
}

function availableLocales(): string[] {
  try {
    return execFileSync('locale', ['-a'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
  } catch {
    return [];
  }
}

function spawnAs(command: string, args: string[], settings: ClusterSettings): ChildProcess {
  return spawn(command, args, {
    ...settings.account,
    // English messages whatever the machine's language, so a failure reads the same everywhere.
    env: { ...process.env, LC_MESSAGES: 'C', LC_ALL: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: settings.detached,
  });
}

async function run(
  command: string,
  args: string[],
  settings: ClusterSettings,
): Promise<{ code: number | null; output: string[] }> {
  const child = spawnAs(command, args, { ...settings, detached: false });
  const output = collectLines(child);
  const code = await new Promise<number | null>((resolve) => {
    child.once('error', (error) => {
      output.push(error.message);
      resolve(127);
    });
    child.once('close', (exitCode) => resolve(exitCode));
  });
  return { code, output };
}

function collectLines(child: ChildProcess, onLog?: (line: string) => void): string[] {
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        if (line === '') continue;
        lines.push(line);
        if (lines.length > LOG_TAIL_LINES * 4) lines.splice(0, lines.length - LOG_TAIL_LINES);
        onLog?.(line);
      }
    });
  }
  child.once('error', (error) => lines.push(error.message));
  return lines;
}

async function waitUntilQueryable(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const client = new Client({
      host: '127.0.0.1',
      port,
      user: EMBEDDED_USER,
      database: 'postgres',
      connectionTimeoutMillis: 1000,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return false;
}

async function withTimeout(promise: Promise<void>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([promise.then(() => true), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Fast shutdown (SIGINT: sessions are ended, nothing is lost), then immediate, then kill. */
async function stopProcess(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  for (const [signal, waitMs] of [
    ['SIGINT', STOP_TIMEOUT_MS],
    ['SIGQUIT', STOP_TIMEOUT_MS / 2],
    ['SIGKILL', STOP_TIMEOUT_MS],
  ] as const) {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise((resolve) => (timer = setTimeout(resolve, waitMs)));
    await Promise.race([exited, gaveUp]);
    clearTimeout(timer);
  }
}
