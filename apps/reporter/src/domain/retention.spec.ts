import { deletionCutoff, isDueForDeletion } from './retention';
import { SUBMISSION_STATUSES } from './submission-status';

const DAY_MS = 24 * 60 * 60 * 1000;
const now = new Date('2026-11-30T12:00:00Z');
const ago = (ms: number): Date => new Date(now.getTime() - ms);

describe('retention of discarded submissions', () => {
  it('deletes a rejected or spam submission exactly at the end of the period, not a millisecond before', () => {
    for (const status of ['rejected', 'spam'] as const) {
      expect(isDueForDeletion(status, ago(30 * DAY_MS), now, 30)).toBe(true);
      expect(isDueForDeletion(status, ago(30 * DAY_MS - 1), now, 30)).toBe(false);
    }
  });

  it('keeps every other status however old', () => {
    for (const status of SUBMISSION_STATUSES.filter((s) => s !== 'rejected' && s !== 'spam')) {
      expect(isDueForDeletion(status, ago(10_000 * DAY_MS), now, 30)).toBe(false);
    }
  });

  it('gives the cutoff a deletion query uses, matching the rule at its edge', () => {
    const cutoff = deletionCutoff(now, 30);
    expect(cutoff.toISOString()).toBe('2026-10-31T12:00:00.000Z');
    expect(isDueForDeletion('spam', cutoff, now, 30)).toBe(true);
    expect(isDueForDeletion('spam', new Date(cutoff.getTime() + 1), now, 30)).toBe(false);
  });
});
