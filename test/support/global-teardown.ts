import { rmSync } from 'node:fs';
import { startedForThisRun } from './global-setup';

/** Stops what the global setup started for this test run and removes its temporary data. */
export default async function globalTeardown(): Promise<void> {
  const started = startedForThisRun();
  if (started.nats) {
    if (started.nats.pid) {
      try {
        process.kill(started.nats.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    rmSync(started.nats.storeDir, { recursive: true, force: true });
  }
  await started.postgres?.stop();
}
