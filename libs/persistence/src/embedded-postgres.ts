import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serverAccount } from './embedded-postgres.account';
import { findPostgresBinaries } from './embedded-postgres.binaries';
import {
  EMBEDDED_USER,
  EmbeddedStartError,
  initCluster,
  startCluster,
  type ClusterSettings,
  type RunningCluster,
} from './embedded-postgres.cluster';
import { reclaimDataFolder, recordOwner } from './embedded-postgres.leftover';
import { parseEmbeddedUrl } from './embedded-url';

export interface EmbeddedPostgres {
  /** A postgres:// URL of the running server's `postgres` database. */
  url: string;
  /** Stops the server (and removes a throwaway one's data); safe to call more than once. */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Start the server in its own process group (see ClusterSettings.detached). */
  detached?: boolean;
  /** Each line the server logs. */
  onLog?: (line: string) => void;
  /** What is worth telling whoever started it (an account created, a leftover server stopped). */
  say?: (line: string) => void;
}

const PORT_ATTEMPTS = 3;

/**
 * A real PostgreSQL (the binaries the `embedded-postgres` package ships) run as a child process:
 * `embedded:memory` in a temporary folder removed at stop, `embedded:<folder>` with its data kept
 * there. Meant for trying the suite out and for tests on a machine without a server, not for production.
 */
export async function startEmbeddedPostgres(
  url: string,
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  const target = parseEmbeddedUrl(url);
  const say = options.say ?? ((line: string) => process.stderr.write(`embedded PostgreSQL: ${line}\n`));
  const binaries = findPostgresBinaries();
  const throwaway = target.kind === 'memory';
  const dataDir = throwaway ? mkdtempSync(join(tmpdir(), 'engage-pg-')) : resolve(target.folder);
  const settings: ClusterSettings = {
    binaries,
    dataDir,
    account: serverAccount(say),
    throwaway,
    detached: options.detached ?? false,
    onLog: options.onLog,
  };
  const discard = (): void => {
    if (throwaway) rmSync(dataDir, { recursive: true, force: true });
  };
  let cluster: RunningCluster;
  try {
    if (!throwaway) await reclaimDataFolder(dataDir, say);
    await initCluster(settings);
    if (!throwaway) recordOwner(dataDir);
    cluster = await startOnFreePort(settings);
  } catch (error) {
    discard();
    throw error;
  }
  // An exit hook cannot wait, but it can ask the server to stop so no process outlives its owner.
  const stopOnExit = (): void => {
    try {
      process.kill(cluster.pid, 'SIGINT');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', stopOnExit);
  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://${EMBEDDED_USER}@127.0.0.1:${cluster.port}/postgres`,
    stop() {
      stopped ??= (async () => {
        process.removeListener('exit', stopOnExit);
        await cluster.stop();
        discard();
      })();
      return stopped;
    },
  };
}

async function startOnFreePort(settings: ClusterSettings): Promise<RunningCluster> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startCluster(settings, await freePort());
    } catch (error) {
      // Another process may take the port between our probe and the server's bind.
      if (!(error instanceof EmbeddedStartError && error.portTaken) || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
