import type { CommentStatus, DecisionAction } from '@app/contracts';

/** Which status changes exist; a deleted comment never comes back. */
const ALLOWED: Record<CommentStatus, readonly CommentStatus[]> = {
  published: ['hidden', 'rejected', 'deleted'],
  pending: ['published', 'rejected', 'deleted'],
  hidden: ['published', 'rejected', 'deleted'],
  rejected: ['published', 'deleted'],
  deleted: [],
};

export function canMove(from: CommentStatus, to: CommentStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** How a change moves the published counts (article total, parent's repliesCount): -1, 0 or +1. */
export function publishedDelta(from: CommentStatus, to: CommentStatus): number {
  return (to === 'published' ? 1 : 0) - (from === 'published' ? 1 : 0);
}

export interface DecisionOutcome {
  status: CommentStatus;
  featured: boolean;
}

/**
 * What a moderator's decision does to a comment, or undefined when it cannot apply (a deleted comment,
 * featuring one that is not published).
 */
export function decide(current: DecisionOutcome, action: DecisionAction): DecisionOutcome | undefined {
  switch (action) {
    case 'approve':
      if (current.status === 'published') return current;
      return canMove(current.status, 'published')
        ? { status: 'published', featured: current.featured }
        : undefined;
    case 'reject':
      if (current.status === 'rejected') return current;
      return canMove(current.status, 'rejected') ? { status: 'rejected', featured: false } : undefined;
    case 'feature':
      return current.status === 'published' ? { status: 'published', featured: true } : undefined;
    case 'unfeature':
      return current.status === 'deleted' ? undefined : { status: current.status, featured: false };
  }
}

/** Readers see a published comment, and a deleted one only while it has published replies. */
export function isShownToReaders(status: CommentStatus, repliesCount: number): boolean {
  return status === 'published' || (status === 'deleted' && repliesCount > 0);
}
