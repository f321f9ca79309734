import { rmSync } from 'node:fs';

/** Stops the NATS server the global setup started for this test run and removes its store. */
export default function globalTeardown(): void {
  const started = (globalThis as { __TEST_NATS__?: { pid?: number; storeDir: string } }).__TEST_NATS__;
  if (!started) return;
  if (started.pid) {
    try {
      process.kill(started.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  rmSync(started.storeDir, { recursive: true, force: true });
}
