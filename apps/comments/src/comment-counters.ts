import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CommentStatus } from '@app/contracts';
import { publishedDelta } from './domain/comment-status';
import { Article, Comment } from './entities';

/**
 * Moves a comment (locked by the caller's transaction) to `to` and, in the same transaction, moves the
 * article's total and the parent's repliesCount by increments in SQL: never a count read, changed in
 * memory and written back, which concurrent changes would overwrite.
 */
export async function moveStatus(em: EntityManager, comment: Comment, to: CommentStatus): Promise<void> {
  const delta = publishedDelta(comment.status, to);
  comment.status = to;
  if (to === 'published' && comment.publishedAt === null) comment.publishedAt = new Date();
  if (delta === 0) return;
  // Comment rows before the article's, as a post does: no two transactions wait for each other.
  if (comment.parentId !== null) {
    await em.nativeUpdate(
      Comment,
      { id: comment.parentId },
      { repliesCount: raw('replies_count + ?', [delta]) },
    );
  }
  await em.nativeUpdate(Article, { articleId: comment.articleId }, { total: raw('total + ?', [delta]) });
}
