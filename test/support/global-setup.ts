import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer } from 'node:net';

/**
 * Gives the test run a NATS server of its own (JetStream on, a temporary store), so its services never
 * answer, or are answered by, whatever else runs on the machine's NATS (a developer's `npm start`, say).
 * TEST_NATS_URL, when set, is used as it is; without a nats-server binary the machine's NATS is used.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_NATS_URL) return;
  const binary = spawnSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' }).stdout.trim();
  if (!binary) return;
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'engage-test-nats-'));
  const server = spawn(binary, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], {
    stdio: 'ignore',
    detached: false,
  });
  await waitForPort(port, 10000);
  process.env.TEST_NATS_URL = `nats://127.0.0.1:${port}`;
  (globalThis as { __TEST_NATS__?: { pid?: number } }).__TEST_NATS__ = { pid: server.pid };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the test NATS server did not listen on ${port} within ${timeoutMs} ms`);
}
