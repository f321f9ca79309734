import type { Client } from 'pg';

export interface CommentCountsCheck {
  articleIds: string[];
  /** The articles' `total` counters, summed. */
  total: number;
  /** Their published comment rows. */
  rows: number;
  /** Comments the gateway answered 201 as published (every posted one, in post-moderation). */
  accepted: number;
  pass: boolean;
}

/**
 * After the run, straight from the comments schema: every article's published-comment counter equals
 * its published rows, and all of them together equal the comments that were answered 201.
 */
export async function checkCommentCounts(
  client: Client,
  articleIds: string[],
  accepted: number,
): Promise<CommentCountsCheck> {
  const rows = await client.query<{ article_id: string; total: number; published: string }>(
    `select a.article_id, a.total,
       (select count(*) from comments.comment c where c.article_id = a.article_id and c.status = 'published') as published
     from comments.article a where a.article_id = any($1::text[])`,
    [articleIds],
  );
  const total = rows.rows.reduce((sum, row) => sum + row.total, 0);
  const published = rows.rows.reduce((sum, row) => sum + Number(row.published), 0);
  const everyArticleAgrees = rows.rows.every((row) => row.total === Number(row.published));
  return {
    articleIds,
    total,
    rows: published,
    accepted,
    pass: everyArticleAgrees && total === published && published === accepted,
  };
}
