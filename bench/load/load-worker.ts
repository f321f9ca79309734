import { runClosedLoop } from './closed-loop';
import type { LoadJob } from './load.protocol';

/**
 * The load generator as a process of its own, so its work is not on the same event loop as the
 * bench's bookkeeping; it runs one job at a time, as the bench sends them.
 */
process.on('message', (job: LoadJob) => {
  runClosedLoop(job).then(
    (result) => process.send?.({ result }),
    (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }),
  );
});
process.once('disconnect', () => process.exit(0));
