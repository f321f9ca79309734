/** The variable through which `npm start` tells each app the pid of the launcher that started it. */
export const PARENT_PID_VARIABLE = 'ENGAGE_PARENT_PID';

export interface ParentWatchOptions {
  intervalMs?: number;
  /** What to do once the parent is gone; by default, what a SIGTERM does (the graceful shutdown). */
  onParentGone?: () => void;
  /** How long the graceful shutdown may take before the process exits regardless. */
  forceExitAfterMs?: number;
  /** The current parent's pid; a process whose parent died is adopted by another (init, a subreaper). */
  currentParentPid?: () => number;
}

/**
 * Makes an app end itself when the launcher that started it is gone, even when the launcher died by
 * SIGKILL and could stop nothing. The parent counts as gone once this process has been handed to
 * another parent, which, unlike probing the pid, cannot be fooled by a reused pid. Does nothing when
 * `parentPid` is undefined (an app started by hand or by an orchestrator). Returns a function that
 * stops watching.
 */
export function exitWhenParentDies(
  parentPid: number | undefined,
  options: ParentWatchOptions = {},
): () => void {
  if (parentPid === undefined) return () => undefined;
  const currentParentPid = options.currentParentPid ?? (() => process.ppid);
  const forceExitAfterMs = options.forceExitAfterMs ?? 30000;
  const onParentGone =
    options.onParentGone ??
    (() => {
      setTimeout(() => process.exit(1), forceExitAfterMs).unref();
      process.kill(process.pid, 'SIGTERM');
    });
  const check = (): void => {
    if (currentParentPid() === parentPid) return;
    clearInterval(timer);
    onParentGone();
  };
  const timer = setInterval(check, options.intervalMs ?? 1000);
  // Watching alone must not keep a process alive that has finished everything else.
  timer.unref();
  check();
  return () => clearInterval(timer);
}
