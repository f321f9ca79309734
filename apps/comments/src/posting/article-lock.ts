import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Article } from '../entities';

/**
 * The article's row, created if it is new, locked until the transaction ends. Posts and closes take
 * it first, so one always sees the other whole.
 */
export async function lockArticle(em: EntityManager, articleId: string, now: Date): Promise<Article> {
  await em
    .createQueryBuilder(Article)
    .insert({ articleId, updatedAt: now })
    .onConflict('articleId')
    .ignore()
    .execute();
  return em.findOneOrFail(Article, { articleId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
}
