import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CommentNotFoundError } from '@app/contracts';
import { Comment } from '../entities';
import { lockArticle } from '../posting/article-lock';

/**
 * A comment locked for a change that may move its status, after its article's lock: every such change
 * (and every post) takes the article first, so two never wait for each other in opposite order.
 */
export async function lockCommentForChange(
  em: EntityManager,
  commentId: string,
  now = new Date(),
): Promise<Comment> {
  const found = await em.findOne(Comment, { id: commentId }, { fields: ['articleId'] });
  if (!found) throw new CommentNotFoundError();
  await lockArticle(em, found.articleId, now);
  const comment = await em.findOne(
    Comment,
    { id: commentId },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  if (!comment) throw new CommentNotFoundError();
  return comment;
}
