import {
  allowedNextStatuses,
  isFinalStatus,
  isSubmissionStatus,
  SUBMISSION_STATUSES,
  SubmissionStatus,
  transition,
} from './submission-status';

// Every pair the state machine allows, written out by hand from API.md; every other pair is refused.
const ALLOWED_PAIRS: ReadonlyArray<readonly [SubmissionStatus, SubmissionStatus]> = [
  ['received', 'in_review'],
  ['received', 'rejected'],
  ['received', 'spam'],
  ['in_review', 'accepted'],
  ['in_review', 'needs_info'],
  ['in_review', 'rejected'],
  ['in_review', 'spam'],
  ['needs_info', 'in_review'],
  ['needs_info', 'rejected'],
  ['needs_info', 'spam'],
  ['accepted', 'published'],
];

const allPairs = SUBMISSION_STATUSES.flatMap((from) => SUBMISSION_STATUSES.map((to) => [from, to] as const));
const isListed = (from: SubmissionStatus, to: SubmissionStatus): boolean =>
  ALLOWED_PAIRS.some(([f, t]) => f === from && t === to);

describe('submission state machine', () => {
  it.each(allPairs.filter(([from, to]) => isListed(from, to)))('allows %s → %s', (from, to) => {
    expect(transition(from, to)).toEqual({ allowed: true, from, to });
  });

  it.each(allPairs.filter(([from, to]) => !isListed(from, to)))('refuses %s → %s', (from, to) => {
    const outcome = transition(from, to);
    expect(outcome.allowed).toBe(false);
    if (outcome.allowed) return;
    expect(outcome.reason).toBe(from === to ? 'same_status' : 'not_allowed');
    expect(outcome.allowedNext).toEqual(allowedNextStatuses(from));
  });

  it('offers a UI exactly the states a transition accepts', () => {
    for (const from of SUBMISSION_STATUSES) {
      const offered = allowedNextStatuses(from);
      const accepted = SUBMISSION_STATUSES.filter((to) => transition(from, to).allowed);
      expect([...offered].sort()).toEqual([...accepted].sort());
    }
  });

  it('never lets an accepted submission be rejected or marked as spam', () => {
    for (const from of ['accepted', 'published'] as const) {
      expect(transition(from, 'rejected').allowed).toBe(false);
      expect(transition(from, 'spam').allowed).toBe(false);
    }
  });

  it('treats published, rejected and spam as final, and nothing else', () => {
    expect(SUBMISSION_STATUSES.filter(isFinalStatus)).toEqual(['published', 'rejected', 'spam']);
  });

  it('recognises only the seven statuses of the API', () => {
    expect(SUBMISSION_STATUSES.every(isSubmissionStatus)).toBe(true);
    for (const value of ['RECEIVED', 'deleted', '', undefined, 3]) {
      expect(isSubmissionStatus(value)).toBe(false);
    }
  });
});
