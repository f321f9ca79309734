/** Fixed windows: every counter of one window starts at the same instant, so a limit is exact at its edge. */
export function rateWindowStart(now: Date, windowSeconds: number): Date {
  const size = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / size) * size);
}

/** Whole seconds until the window that refused a request ends (at least 1). */
export function retryAfterSeconds(now: Date, windowSeconds: number): number {
  const end = rateWindowStart(now, windowSeconds).getTime() + windowSeconds * 1000;
  return Math.max(1, Math.ceil((end - now.getTime()) / 1000));
}
