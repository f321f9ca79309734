import type { SubmissionCategory, SubmissionStatus } from '@app/contracts/reporter/submission.model';

/**
 * The contract's statuses and categories with their texts. The lists cannot be imported as values (the
 * model file carries Node-only decorators), so they are restated here as records: a status or category
 * added to the contract fails the build until it has its text.
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

export const CATEGORY_LABELS = {
  incident: 'categoryIncident',
  city: 'categoryCity',
  transport: 'categoryTransport',
  housing: 'categoryHousing',
  environment: 'categoryEnvironment',
  society: 'categorySociety',
  politics: 'categoryPolitics',
  business: 'categoryBusiness',
  culture: 'categoryCulture',
  sport: 'categorySport',
  other: 'categoryOther',
} as const satisfies Record<SubmissionCategory, string>;

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
