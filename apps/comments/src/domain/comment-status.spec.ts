import { canMove, decide, isShownToReaders, publishedDelta } from './comment-status';

describe('comment status', () => {
  it('never brings a deleted comment back', () => {
    for (const to of ['published', 'pending', 'hidden', 'rejected'] as const) {
      expect(canMove('deleted', to)).toBe(false);
    }
  });

  it('counts a comment only while it is published', () => {
    expect(publishedDelta('pending', 'published')).toBe(1);
    expect(publishedDelta('published', 'hidden')).toBe(-1);
    expect(publishedDelta('published', 'deleted')).toBe(-1);
    expect(publishedDelta('pending', 'rejected')).toBe(0);
    expect(publishedDelta('hidden', 'deleted')).toBe(0);
  });

  it('approves a held or hidden comment and rejects any live one', () => {
    expect(decide({ status: 'pending', featured: false }, 'approve')).toEqual({
      status: 'published',
      featured: false,
    });
    expect(decide({ status: 'hidden', featured: true }, 'approve')).toEqual({
      status: 'published',
      featured: true,
    });
    expect(decide({ status: 'published', featured: true }, 'reject')).toEqual({
      status: 'rejected',
      featured: false,
    });
    expect(decide({ status: 'rejected', featured: false }, 'approve')).toEqual({
      status: 'published',
      featured: false,
    });
  });

  it('features only a published comment and decides nothing about a deleted one', () => {
    expect(decide({ status: 'pending', featured: false }, 'feature')).toBeUndefined();
    expect(decide({ status: 'published', featured: false }, 'feature')).toEqual({
      status: 'published',
      featured: true,
    });
    for (const action of ['approve', 'reject', 'feature', 'unfeature'] as const) {
      expect(decide({ status: 'deleted', featured: false }, action)).toBeUndefined();
    }
  });

  it('shows a deleted comment only as the tombstone of a thread with published replies', () => {
    expect(isShownToReaders('deleted', 0)).toBe(false);
    expect(isShownToReaders('deleted', 2)).toBe(true);
    expect(isShownToReaders('hidden', 2)).toBe(false);
    expect(isShownToReaders('published', 0)).toBe(true);
  });
});
