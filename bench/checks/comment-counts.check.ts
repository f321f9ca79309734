import type { Client } from 'pg';

export interface CommentCountsCheck {
  articleId: string;
  /** The article's `total` counter. */
  total: number;
  /** Its published comment rows. */
  rows: number;
  /** Comments the gateway answered 201 as published (every posted one, in post-moderation). */
  accepted: number;
  pass: boolean;
}

/**
 * After the run, straight from the comments schema: the article's published-comment counter equals
 * its published rows, and those equal the comments that were answered 201.
 */
export async function checkCommentCounts(
  client: Client,
  articleId: string,
  accepted: number,
): Promise<CommentCountsCheck> {
  const total = await client.query<{ total: number }>(
    'select total from comments.article where article_id = $1',
    [articleId],
  );
  const rows = await client.query<{ count: string }>(
    `select count(*) as count from comments.comment where article_id = $1 and status = 'published'`,
    [articleId],
  );
  const counter = total.rows[0]?.total ?? 0;
  const published = Number(rows.rows[0].count);
  return {
    articleId,
    total: counter,
    rows: published,
    accepted,
    pass: counter === published && published === accepted,
  };
}
