import type { Log } from './log';

export interface ReadinessTarget {
  name: string;
  url: string;
}

export interface ReadinessOptions {
  check(url: string): Promise<boolean>;
  log: Log;
  signal: AbortSignal;
  intervalMs?: number;
  /** How often to say what is still not ready. */
  reportEveryMs?: number;
}

/**
 * Polls until every target answers ready, then says so once. It never fails the suite: an app that is
 * slow or broken shows in its own log, and this keeps saying what it waits for.
 */
export async function announceWhenReady(
  targets: ReadinessTarget[],
  onReady: () => void,
  options: ReadinessOptions,
): Promise<boolean> {
  const intervalMs = options.intervalMs ?? 500;
  const reportEveryMs = options.reportEveryMs ?? 15000;
  let lastReport = Date.now();
  const pending = new Set(targets.map((target) => target.name));
  while (!options.signal.aborted) {
    for (const target of targets) {
      if (pending.has(target.name) && (await options.check(target.url))) pending.delete(target.name);
    }
    if (options.signal.aborted) return false;
    if (pending.size === 0) {
      onReady();
      return true;
    }
    if (Date.now() - lastReport >= reportEveryMs) {
      lastReport = Date.now();
      options.log(`still waiting for: ${[...pending].join(', ')}`);
    }
    await sleep(intervalMs, options.signal);
  }
  return false;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
