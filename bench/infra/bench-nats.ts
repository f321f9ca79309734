import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as connectTcp } from 'node:net';
import { connect } from 'nats';
import { BenchChild } from './child.process';
import { freePort } from '@test/support/free-port';
import { waitFor as waitUntil } from '@test/support/wait-for';

export interface BenchNats {
  url: string;
  /** Whether the bench started this server (and so owns everything on it). */
  private: boolean;
  /** The server's process, when it is the bench's own. */
  pids: number[];
  deleteStream(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * NATS_URL when set; otherwise a private nats-server when one is installed, because the machine's
 * shared server may carry other copies of the services (queue group "polls" would split the bench's
 * requests with them) and a stream already capturing `events.>` (a second one could not be created).
 * Without the binary, the machine's server on 127.0.0.1:4222.
 */
export async function startBenchNats(): Promise<BenchNats> {
  const configured = process.env.NATS_URL;
  const binary = spawnSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' }).stdout.trim();
  if (configured || !binary) return shared(configured ?? 'nats://127.0.0.1:4222');

  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'engage-bench-nats-'));
  const server = BenchChild.spawn('nats-server', binary, [
    '-a',
    '127.0.0.1',
    '-p',
    String(port),
    '-js',
    '-sd',
    storeDir,
  ]);
  try {
    await waitUntil(() => server.running && isListening(port), 10000, `nats-server on port ${port}`);
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n${server.lastLines()}`);
  }
  const url = `nats://127.0.0.1:${port}`;
  return {
    ...shared(url),
    private: true,
    pids: server.process.pid ? [server.process.pid] : [],
    stop: async () => {
      await server.stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

function shared(url: string): BenchNats {
  return {
    url,
    private: false,
    pids: [],
    async deleteStream(name) {
      const nc = await connect({ servers: url });
      try {
        const jsm = await nc.jetstreamManager();
        await jsm.streams.delete(name).catch(() => undefined);
      } finally {
        await nc.close();
      }
    },
    stop: async () => undefined,
  };
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
