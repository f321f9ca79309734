import type { SubmissionStatus } from './submission-status';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Statuses whose submissions, with their files and contact data, are deleted after the retention period. */
export const DISCARDED_STATUSES: readonly SubmissionStatus[] = ['rejected', 'spam'];

/**
 * Whether a submission is due for deletion: rejected or spam, and decided at least `retentionDays` whole
 * days ago. Everything else is kept (accepted and published ones are the newsroom's record; open ones
 * are still being worked on).
 */
export function isDueForDeletion(
  status: SubmissionStatus,
  decidedAt: Date,
  now: Date,
  retentionDays: number,
): boolean {
  if (!DISCARDED_STATUSES.includes(status)) return false;
  return now.getTime() - decidedAt.getTime() >= retentionDays * DAY_MS;
}

/** The newest decision time that is due now: a query deletes discarded submissions decided at or before it. */
export function deletionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}
