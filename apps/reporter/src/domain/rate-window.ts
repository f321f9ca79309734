/** Fixed windows: every counter of one window starts at the same instant, so a limit is exact at its edge. */
export const HOUR_SECONDS = 3600;

export function rateWindowStart(now: Date, windowSeconds = HOUR_SECONDS): Date {
  const size = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / size) * size);
}

/** Whole seconds until the window that refused a request ends (at least 1). */
export function retryAfterSeconds(now: Date, windowSeconds = HOUR_SECONDS): number {
  const end = rateWindowStart(now, windowSeconds).getTime() + windowSeconds * 1000;
  return Math.max(1, Math.ceil((end - now.getTime()) / 1000));
}
