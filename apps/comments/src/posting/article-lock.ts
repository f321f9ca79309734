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

/** The article's row as it is now, created if it is new, without locking it. */
export async function ensureArticle(em: EntityManager, articleId: string, now: Date): Promise<Article> {
  const [row] = await em.execute<Record<string, unknown>[]>(
    `with created as (
       insert into comments.article (article_id, updated_at) values (?, ?) on conflict (article_id) do nothing
       returning *
     )
     select * from created union all select * from comments.article where article_id = ?`,
    [articleId, now, articleId],
  );
  // Created by a transaction that committed while this statement waited: its snapshot missed the row.
  return row ? em.map(Article, row) : em.findOneOrFail(Article, { articleId }, { refresh: true });
}

/**
 * The last statement of a post: counts it (delta 1 when it is published) and sets the first comment's
 * time, which locks the article's row until the post commits. So the lock is held for one statement
 * and the commit, not for the whole post, and a moderator's close is ordered with it either way: a
 * close that came first makes this update wait and then return `closed`, one that comes later waits
 * for this post to commit. Hand-written: the increment and the reading of what it ordered against
 * must be one statement.
 */
export async function countPostOnArticle(
  em: EntityManager,
  articleId: string,
  delta: number,
  now: Date,
): Promise<Article> {
  const [row] = await em.execute<Record<string, unknown>[]>(
    `update comments.article
        set total = total + ?, first_comment_at = coalesce(first_comment_at, ?), updated_at = ?
      where article_id = ?
      returning *`,
    [delta, now, now, articleId],
  );
  return em.map(Article, row);
}
