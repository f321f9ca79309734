/**
 * Digest windows are fixed slices of time counted from the epoch, the same on every copy: an item
 * belongs to the window its arrival falls in, and a moderator gets at most one digest per window.
 */
export function digestWindowStart(at: Date, windowMinutes: number): Date {
  const length = windowMinutes * 60_000;
  return new Date(Math.floor(at.getTime() / length) * length);
}

/** Windows whose end is at or before `now` may be sent. */
export function digestWindowClosed(windowStart: Date, windowMinutes: number, now: Date): boolean {
  return windowStart.getTime() + windowMinutes * 60_000 <= now.getTime();
}
