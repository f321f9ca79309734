/**
 * Loading Nest and the app's modules takes seconds on a busy machine, before any of the host's code
 * runs. A stop asked for meanwhile ends the process at once (nothing is open yet) with a line, instead
 * of Node's silent default. The process lifecycle takes over once it is installed.
 */
export const EARLY_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

function stopWhileLoading(signal: NodeJS.Signals): void {
  process.stderr.write(`${signal} while loading: stopping\n`);
  process.exit(0);
}

for (const signal of EARLY_SIGNALS) process.on(signal, stopWhileLoading);

export function releaseEarlySignals(): void {
  for (const signal of EARLY_SIGNALS) process.off(signal, stopWhileLoading);
}
