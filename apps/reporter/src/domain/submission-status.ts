import { SUBMISSION_STATUSES, SubmissionStatus } from '@app/contracts';

/** The life of a submission, as API.md states it; the list itself is the contracts' one. */
export { SUBMISSION_STATUSES };
export type { SubmissionStatus };

/**
 * received → in_review → accepted → published, in_review ⇄ needs_info, and rejected or spam from any
 * state before accepted. Rejected, spam and published are final; an accepted submission can only be
 * published.
 */
const NEXT: Readonly<Record<SubmissionStatus, readonly SubmissionStatus[]>> = {
  received: ['in_review', 'rejected', 'spam'],
  in_review: ['accepted', 'needs_info', 'rejected', 'spam'],
  needs_info: ['in_review', 'rejected', 'spam'],
  accepted: ['published'],
  published: [],
  rejected: [],
  spam: [],
};

export type TransitionRefusalReason = 'same_status' | 'not_allowed';

export type TransitionOutcome =
  | { allowed: true; from: SubmissionStatus; to: SubmissionStatus }
  | {
      allowed: false;
      from: SubmissionStatus;
      to: SubmissionStatus;
      reason: TransitionRefusalReason;
      /** What the submission may move to instead, so the refusal can say it. */
      allowedNext: readonly SubmissionStatus[];
    };

export function isSubmissionStatus(value: unknown): value is SubmissionStatus {
  return typeof value === 'string' && (SUBMISSION_STATUSES as readonly string[]).includes(value);
}

/** The states a moderator may choose next, in the order a UI should offer them. */
export function allowedNextStatuses(from: SubmissionStatus): readonly SubmissionStatus[] {
  return NEXT[from];
}

export function isFinalStatus(status: SubmissionStatus): boolean {
  return NEXT[status].length === 0;
}

export function transition(from: SubmissionStatus, to: SubmissionStatus): TransitionOutcome {
  if (NEXT[from].includes(to)) return { allowed: true, from, to };
  return {
    allowed: false,
    from,
    to,
    reason: from === to ? 'same_status' : 'not_allowed',
    allowedNext: NEXT[from],
  };
}
