import type { SubmissionCategory, SubmissionStatus } from '@app/contracts/reporter/submission.model';
import { CATEGORY_LABELS } from '@web/shared/reporter/category-labels';

/**
 * The contract's statuses with their texts (the categories' are shared with the widget). The list
 * cannot be imported as a value (the model file carries Node-only decorators), so it is restated here
 * as a record: a status added to the contract fails the build until it has its text.
 */
export const STATUS_LABELS = {
  received: 'statusReceived',
  in_review: 'statusInReview',
  needs_info: 'statusNeedsInfo',
  accepted: 'statusAccepted',
  published: 'statusPublished',
  rejected: 'statusRejected',
  spam: 'statusSpam',
} as const satisfies Record<SubmissionStatus, string>;

export { CATEGORY_LABELS };

export const STATUSES = Object.keys(STATUS_LABELS) as SubmissionStatus[];
export const CATEGORIES = Object.keys(CATEGORY_LABELS) as SubmissionCategory[];

/** The button that moves a submission to `to`; back from needs_info it reads as a return. */
export function moveLabel(from: SubmissionStatus, to: Exclude<SubmissionStatus, 'received' | 'needs_info'>) {
  const labels = {
    in_review: from === 'needs_info' ? 'moveBackToReview' : 'moveToInReview',
    accepted: 'moveToAccepted',
    published: 'moveToPublished',
    rejected: 'moveToRejected',
    spam: 'moveToSpam',
  } as const;
  return labels[to];
}
