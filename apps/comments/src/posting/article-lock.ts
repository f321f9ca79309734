import type { EntityManager } from '@mikro-orm/postgresql';
import { Article } from '../entities';

/**
 * The article's row, locked until the transaction ends (created if it is new): a moderator's change
 * of its settings. Hand-written: one upsert creates, locks and reads the row.
 */
export async function lockArticle(em: EntityManager, articleId: string, now: Date): Promise<Article> {
  const [row] = await em.execute<Record<string, unknown>[]>(
    `insert into comments.article (article_id, updated_at) values (?, ?)
     on conflict (article_id) do update set updated_at = excluded.updated_at
     returning *`,
    [articleId, now],
  );
  return em.map(Article, row);
}
