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
export function moveStatus(em: EntityManager, comment: Comment, to: CommentStatus): Promise<void> {
  return moveStatuses(em, [comment], to);
}

/**
 * Moves many comments (locked by the caller's transaction) to `to`, with their counters. Parents'
 * counts first, then articles', each in id order, as every other writer goes (comment rows up a thread,
 * then articles): a transaction that holds an article's row never waits for a comment's, so an erasure
 * across many threads and a moderator's decision in one of them do not wait for each other in a circle.
 */
export async function moveStatuses(em: EntityManager, comments: Comment[], to: CommentStatus): Promise<void> {
  const parents = new Map<string, number>();
  const articles = new Map<string, number>();
  for (const comment of comments) {
    const delta = publishedDelta(comment.status, to);
    comment.status = to;
    if (to === 'published' && comment.publishedAt === null) comment.publishedAt = new Date();
    if (delta === 0) continue;
    if (comment.parentId !== null)
      parents.set(comment.parentId, (parents.get(comment.parentId) ?? 0) + delta);
    articles.set(comment.articleId, (articles.get(comment.articleId) ?? 0) + delta);
  }
  for (const [id, delta] of sortedNonZero(parents)) {
    await em.nativeUpdate(Comment, { id }, { repliesCount: raw('replies_count + ?', [delta]) });
  }
  for (const [articleId, delta] of sortedNonZero(articles)) {
    await em.nativeUpdate(Article, { articleId }, { total: raw('total + ?', [delta]) });
  }
}

function sortedNonZero(deltas: Map<string, number>): [string, number][] {
  return [...deltas].filter(([, delta]) => delta !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
