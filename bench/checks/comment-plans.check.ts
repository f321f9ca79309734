import type { Client } from 'pg';

export interface QueryPlan {
  name: string;
  plan: string[];
  /** The plan reads the comment tables through an index, never a sequential scan. */
  usesIndex: boolean;
}

/**
 * The statements behind one page of comments, as the comments service sends them (its repository is the
 * source: keep these in step), with the bench's values. EXPLAIN plans them against the seeded tables.
 */
function pageStatements(articleId: string): { name: string; sql: string; params: unknown[] }[] {
  // As CommentReadingService.topLevel builds it (the ORM writes the same predicates).
  const shown = `parent_id is null and status in ('published', 'deleted') and (status = 'published' or replies_count > 0)`;
  return [
    {
      name: 'first page, newest',
      sql: `select * from comments.comment where article_id = $1 and ${shown}
            order by created_at desc, id desc limit 21`,
      params: [articleId],
    },
    {
      name: 'next page, newest (keyset)',
      sql: `select * from comments.comment where article_id = $1 and ${shown}
              and (created_at, id) < (now() - interval '12 hours', 'ffffffff-ffff-ffff-ffff-ffffffffffff')
            order by created_at desc, id desc limit 21`,
      params: [articleId],
    },
    {
      name: 'first page, top',
      sql: `select * from comments.comment where article_id = $1 and ${shown}
            order by likes desc, created_at desc, id desc limit 21`,
      params: [articleId],
    },
    {
      name: 'next page, top (keyset)',
      sql: `select * from comments.comment where article_id = $1 and ${shown}
              and (likes, created_at, id) < (8, now(), 'ffffffff-ffff-ffff-ffff-ffffffffffff')
            order by likes desc, created_at desc, id desc limit 21`,
      params: [articleId],
    },
    {
      name: "replies of a page's threads (at most 100 per thread)",
      sql: `select * from (
              select c.*, row_number() over (partition by c.thread_id order by c.created_at, c.id) as position
                from comments.comment c
               where c.thread_id = any($1::uuid[]) and c.parent_id is not null
                 and (c.status = 'published' or (c.status = 'deleted' and c.replies_count > 0))
            ) shown where position <= 100 order by created_at, id`,
      params: [[]],
    },
  ];
}

/** EXPLAIN of each statement of a page of comments, with the thread ids of the real first page. */
export async function explainCommentPages(client: Client, articleId: string): Promise<QueryPlan[]> {
  const threads = await client.query<{ id: string }>(
    `select id from comments.comment where article_id = $1 and parent_id is null order by created_at desc limit 20`,
    [articleId],
  );
  const plans: QueryPlan[] = [];
  for (const statement of pageStatements(articleId)) {
    const params = statement.name.startsWith('replies')
      ? [threads.rows.map((row) => row.id)]
      : statement.params;
    const result = await client.query<{ 'QUERY PLAN': string }>(`explain ${statement.sql}`, params);
    const plan = result.rows.map((row) => row['QUERY PLAN']);
    const text = plan.join('\n');
    plans.push({
      name: statement.name,
      plan,
      usesIndex: /Index (Only )?Scan|Bitmap Index Scan/.test(text) && !/Seq Scan/.test(text),
    });
  }
  return plans;
}
