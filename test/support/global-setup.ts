import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { waitForPort } from './wait-for-port';

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
  (globalThis as { __TEST_NATS__?: { pid?: number; storeDir: string } }).__TEST_NATS__ = {
    pid: server.pid,
    storeDir,
  };
}
