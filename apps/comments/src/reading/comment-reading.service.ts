import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Caller,
  CommentCountsReply,
  CommentListReply,
  CommentSort,
  CountCommentsRequest,
  decodePageCursor,
  encodePageCursor,
  encodeTopCursor,
  ListCommentsRequest,
  PAGE_CURSOR_REFUSAL,
  PAGE_LIMIT_DEFAULT,
  ReactionType,
  readPageCursor,
  readTopCursor,
  ValidationFailedError,
} from '@app/contracts';
import { isAuthor } from '../access/caller-access';
import { CommentsEnv } from '../comments.config';
import { nestReplies, ReaderContext } from '../comment.presenter';
import { isClosed } from '../domain/auto-close';
import { Article, Comment, Reaction } from '../entities';
import { SiteSettingsStore } from '../settings/site-settings.store';

type Keyset = { sql: string; params: unknown[] } | null;

/** Readers' views: an article's threads a page at a time, and counts for article lists. */
@Injectable()
export class CommentReadingService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: CommentsEnv,
    private readonly settingsStore: SiteSettingsStore,
  ) {}

  async list({ caller, articleId, query }: ListCommentsRequest): Promise<CommentListReply> {
    const sort = query.sort ?? 'newest';
    const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
    const keyset = query.cursor === undefined ? null : keysetOf(sort, query.cursor);
    const em = this.em.fork();
    const [article, { settings }, rows] = await Promise.all([
      em.findOne(Article, { articleId }),
      this.settingsStore.current(),
      this.topLevel(em, articleId, sort, keyset, limit + 1),
    ]);
    const page = rows.slice(0, limit);
    const replies = await this.repliesOf(
      em,
      page.map((comment) => comment.id),
    );
    const reader = await this.readerContext(em, caller, [...page, ...replies]);
    const last = page[page.length - 1];
    return {
      items: nestReplies(page, replies, reader),
      nextCursor: rows.length > limit && last ? cursorAfter(sort, last) : null,
      total: article?.total ?? 0,
      closed: article ? isClosed(article, settings.autoCloseDays, new Date()) : false,
    };
  }

  async counts({ query }: CountCommentsRequest): Promise<CommentCountsReply> {
    const ids = [...new Set(query.articleIds)];
    const rows = await this.em
      .fork()
      .find(Article, { articleId: { $in: ids } }, { fields: ['articleId', 'total'] });
    const totals = new Map(rows.map((row) => [row.articleId, row.total]));
    return { counts: Object.fromEntries(ids.map((id) => [id, totals.get(id) ?? 0])) };
  }

  /** Shown top-level comments: published ones, and tombstones that still have published replies. */
  private topLevel(em: EntityManager, articleId: string, sort: CommentSort, keyset: Keyset, take: number) {
    const direction = sort === 'oldest' ? 'asc' : 'desc';
    const qb = em
      .createQueryBuilder(Comment, 'c')
      .select('*')
      // The same predicate as the partial indexes, so the page is read from one of them in order.
      .where({ articleId, parentId: null, status: { $in: ['published', 'deleted'] } })
      .andWhere({ $or: [{ status: 'published' }, { repliesCount: { $gt: 0 } }] });
    // A row comparison keeps the keyset on the index; the ORM's own OR-expansion of it does not.
    if (keyset) qb.andWhere(keyset.sql, keyset.params);
    const order =
      sort === 'top'
        ? { likes: direction, createdAt: direction, id: direction }
        : { createdAt: direction, id: direction };
    return qb.orderBy(order).limit(take).getResult();
  }

  /**
   * Shown replies of the page's threads, oldest first, at most COMMENT_REPLIES_PER_THREAD per thread.
   * Hand-written: the per-thread cap needs a window function.
   */
  private async repliesOf(em: EntityManager, threadIds: string[]): Promise<Comment[]> {
    if (threadIds.length === 0) return [];
    const rows = await em.execute<Record<string, unknown>[]>(
      `select * from (
         select c.*, row_number() over (partition by c.thread_id order by c.created_at, c.id) as position
           from comments.comment c
          where c.thread_id in (${threadIds.map(() => '?').join(', ')}) and c.parent_id is not null
            and (c.status = 'published' or (c.status = 'deleted' and c.replies_count > 0))
       ) shown where position <= ? order by created_at, id`,
      [...threadIds, this.config.COMMENT_REPLIES_PER_THREAD],
    );
    return rows.map((row) => em.map(Comment, row));
  }

  private async readerContext(
    em: EntityManager,
    caller: Caller,
    comments: Comment[],
  ): Promise<ReaderContext> {
    const reactions = new Map<string, ReactionType>();
    if (caller.readerId && comments.length > 0) {
      const rows = await em.find(Reaction, {
        readerId: caller.readerId,
        commentId: { $in: comments.map((comment) => comment.id) },
      });
      for (const row of rows) reactions.set(row.commentId, row.type);
    }
    return { reactions, isMine: (comment) => isAuthor(caller, comment) };
  }
}

function keysetOf(sort: CommentSort, cursor: string): Keyset {
  const refuse = () => new ValidationFailedError([{ field: 'cursor', message: PAGE_CURSOR_REFUSAL }]);
  const before = sort === 'oldest' ? '>' : '<';
  if (sort === 'top') {
    const position = readTopCursor(cursor);
    if (!position) throw refuse();
    return {
      sql: `(c.likes, c.created_at, c.id) ${before} (?, ?, ?)`,
      params: [position.likes, new Date(position.createdAt), position.id],
    };
  }
  if (!readPageCursor(cursor)) throw refuse();
  const position = decodePageCursor(cursor);
  return {
    sql: `(c.created_at, c.id) ${before} (?, ?)`,
    params: [new Date(position.createdAt), position.id],
  };
}

function cursorAfter(sort: CommentSort, last: Comment): string {
  const position = { createdAt: last.createdAt.toISOString(), id: last.id };
  return sort === 'top' ? encodeTopCursor({ likes: last.likes, ...position }) : encodePageCursor(position);
}
