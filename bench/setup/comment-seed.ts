import type { Client } from 'pg';
import type { BenchComments } from '../scenarios';

export const BIG_ARTICLE_ID = 'bench-big-story';
/** Stories readers comment on during scenario (h), in turn: a post takes its article's row lock. */
const POSTING_ARTICLES = 100;
const OTHER_ARTICLES = 1000;
/** 4,000 threads; the newest 3,000 have a reply, each with a reply of its own: 10,000 comments. */
const THREADS = 4000;
const ANSWERED_THREADS = 3000;
const BIG_ARTICLE_COMMENTS = THREADS + 2 * ANSWERED_THREADS;

/**
 * Seeds the comments schema straight through SQL (the service's own tables, as its migrations built
 * them), for speed: one article with 10,000 published comments in threads to depth 3, top-level
 * comments liked by up to 16 readers each (reaction rows and the `likes` counters agree), and 1,000
 * other articles with 0–9 comments each. Every counter (article totals, repliesCount) is set to what
 * the rows say, as the service would have kept it. Runs after the comments service migrated its schema.
 */
export async function seedComments(client: Client): Promise<BenchComments> {
  await client.query('begin');
  try {
    await seedBigArticle(client);
    await seedOtherArticles(client);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
  await client.query('analyze comments.comment');
  await client.query('analyze comments.reaction');
  await client.query('analyze comments.article');
  const others = Array.from({ length: 99 }, (_, index) => otherArticleId(index * 10 + 1));
  return {
    bigArticleId: BIG_ARTICLE_ID,
    countedArticleIds: [BIG_ARTICLE_ID, ...others],
    postingArticleIds: Array.from({ length: POSTING_ARTICLES }, (_, index) => `bench-posting-${index + 1}`),
  };
}

function otherArticleId(n: number): string {
  return `bench-story-${String(n).padStart(4, '0')}`;
}

const COMMENT_COLUMNS = `id, article_id, thread_id, parent_id, reply_to_id, depth, reader_id, author_name, body,
  body_hash, status, likes, replies_count, created_at, published_at`;

async function seedBigArticle(client: Client): Promise<void> {
  // Threads: thread n was written n minutes after the first; the newest ANSWERED_THREADS have replies.
  await client.query(
    `insert into comments.comment (${COMMENT_COLUMNS})
     select gen_random_uuid(), $1, t.id, null, null, 1, 'bench-author-' || n, 'Читатель ' || n,
       'Комментарий номер ' || n || ': по существу статьи.', md5('c' || n), 'published',
       n % 17, case when n > $2::int - $3::int then 2 else 0 end,
       now() - interval '1 day' + n * interval '10 seconds', now() - interval '1 day' + n * interval '10 seconds'
     from generate_series(1, $2::int) as n, lateral (select gen_random_uuid() as id) as t`,
    [BIG_ARTICLE_ID, THREADS, ANSWERED_THREADS],
  );
  // gen_random_uuid() above gave thread_id and id separately: a top-level comment is its own thread.
  await client.query(`update comments.comment set thread_id = id where article_id = $1`, [BIG_ARTICLE_ID]);
  await client.query(
    `insert into comments.comment (${COMMENT_COLUMNS})
     select gen_random_uuid(), $1, top.id, top.id, top.id, 2, 'bench-replier-' || top.n, 'Отвечающий ' || top.n,
       'Ответ на комментарий ' || top.n || '.', md5('r' || top.n), 'published', 0, 1,
       top.created_at + interval '1 second', top.created_at + interval '1 second'
     from (select id, created_at, row_number() over (order by created_at) as n
           from comments.comment where article_id = $1 and depth = 1) as top
     where top.n > $2::int - $3::int`,
    [BIG_ARTICLE_ID, THREADS, ANSWERED_THREADS],
  );
  await client.query(
    `insert into comments.comment (${COMMENT_COLUMNS})
     select gen_random_uuid(), $1, reply.thread_id, reply.id, reply.id, 3, 'bench-third-' || reply.id,
       'Третий', 'Ответ на ответ.', md5('t' || reply.id), 'published', 0, 0,
       reply.created_at + interval '1 second', reply.created_at + interval '1 second'
     from comments.comment as reply where reply.article_id = $1 and reply.depth = 2`,
    [BIG_ARTICLE_ID],
  );
  await client.query(
    `insert into comments.reaction (comment_id, reader_id, type, created_at)
     select c.id, 'bench-liker-' || k, 'like', c.created_at + interval '1 minute'
     from comments.comment as c, lateral generate_series(1, c.likes) as k
     where c.article_id = $1 and c.likes > 0`,
    [BIG_ARTICLE_ID],
  );
  await client.query(
    `insert into comments.article (article_id, closed, mode, total, first_comment_at, updated_at)
     values ($1, false, null, $2::int, now() - interval '1 day', now())`,
    [BIG_ARTICLE_ID, BIG_ARTICLE_COMMENTS],
  );
}

async function seedOtherArticles(client: Client): Promise<void> {
  await client.query(
    `insert into comments.article (article_id, closed, mode, total, first_comment_at, updated_at)
     select 'bench-story-' || lpad(a::text, 4, '0'), false, null, a % 10, now() - interval '1 day', now()
     from generate_series(1, $1::int) as a`,
    [OTHER_ARTICLES],
  );
  await client.query(
    `with seeded as (
       select gen_random_uuid() as id, a, k from generate_series(1, $1::int) as a, lateral generate_series(1, a % 10) as k
     )
     insert into comments.comment (${COMMENT_COLUMNS})
     select id, 'bench-story-' || lpad(a::text, 4, '0'), id, null, null, 1, 'bench-reader-' || a || '-' || k,
       'Читатель', 'Короткий комментарий ' || k || '.', md5(a || '-' || k), 'published', 0, 0,
       now() - interval '1 day' + k * interval '1 minute', now() - interval '1 day' + k * interval '1 minute'
     from seeded`,
    [OTHER_ARTICLES],
  );
}
