import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CommentNotFoundError } from '@app/contracts';
import { Comment } from '../entities';

/**
 * A comment locked for a change that may move its status. Its parent's and then its article's counters
 * are updated after it, in the order a post updates them: no two changes wait for each other.
 */
export async function lockCommentForChange(em: EntityManager, commentId: string): Promise<Comment> {
  const comment = await em.findOne(Comment, { id: commentId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!comment) throw new CommentNotFoundError();
  return comment;
}
