/** A reader may change their comment only this long after writing it. */
export function isWithinEditWindow(createdAt: Date, now: Date, editWindowMinutes: number): boolean {
  return now.getTime() - createdAt.getTime() <= editWindowMinutes * 60_000;
}
