import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  ArticleCommentSettingsReply,
  ArticleRequest,
  BanLiftedReply,
  BanReaderRequest,
  CommentDecidedV1,
  CommentNotEditableError,
  CommentSettingsReply,
  CommentsCallerRequest,
  DecideCommentRequest,
  decodePageCursor,
  encodePageCursor,
  eventOf,
  ModerationCommentReply,
  ModerationCountsReply,
  ModerationQueueReply,
  ModerationQueueRequest,
  PAGE_LIMIT_DEFAULT,
  ReaderBanReply,
  ReaderErasedReply,
  ReaderNotBannedError,
  ReaderRequest,
  UpdateArticleSettingsRequest,
  UpdateCommentSettingsRequest,
  ValidationFailedError,
} from '@app/contracts';
import { recordEvent } from '@app/messaging';
import { transactionalRetryingConflicts } from '@app/persistence';
import { requireStaff } from '../access/caller-access';
import { moveStatus, moveStatuses } from '../comment-counters';
import { banViewOf, presentForModerator } from '../comment.presenter';
import { CommentSignals } from '../comment.signals';
import { autoClosesAt } from '../domain/auto-close';
import { decide } from '../domain/comment-status';
import { Article, Comment, Decision, Flag, ReaderBan } from '../entities';
import { lockArticle } from '../posting/article-lock';
import { publishedEvent } from '../posting/comment-posting.service';
import { lockCommentForChange } from '../reader-actions/comment-lookup';
import { SiteSettingsStore } from '../settings/site-settings.store';

/** The newsroom's side: queues, decisions with their audit trail, bans, settings, erasure. */
@Injectable()
export class ModerationService {
  constructor(
    private readonly em: EntityManager,
    private readonly settingsStore: SiteSettingsStore,
    private readonly signals: CommentSignals,
  ) {}

  async queue({ caller, query }: ModerationQueueRequest): Promise<ModerationQueueReply> {
    requireStaff(caller);
    const limit = query.limit ?? PAGE_LIMIT_DEFAULT;
    const em = this.em.fork();
    const qb = em.createQueryBuilder(Comment, 'c').select('*');
    switch (query.queue ?? 'pending') {
      case 'pending':
        qb.where({ status: 'pending' });
        break;
      case 'rejected':
        qb.where({ status: 'rejected' });
        break;
      case 'flagged':
        qb.where({ flagsCount: { $gt: 0 }, status: { $in: ['published', 'hidden'] } });
        break;
      case 'all':
        break;
    }
    if (query.cursor !== undefined) {
      const position = decodePageCursor(query.cursor);
      qb.andWhere('(c.created_at, c.id) < (?, ?)', [new Date(position.createdAt), position.id]);
    }
    const rows = await qb
      .orderBy({ createdAt: 'desc', id: 'desc' })
      .limit(limit + 1)
      .getResult();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await this.present(em, page),
      nextCursor:
        rows.length > limit && last
          ? encodePageCursor({ createdAt: last.createdAt.toISOString(), id: last.id })
          : null,
    };
  }

  /**
   * The size of each queue, as its list filters it. Each count walks an index (`comment_status_idx`,
   * `comment_flagged_idx`); the live streams ask for it at most once per interval per gateway copy.
   */
  async counts({ caller }: CommentsCallerRequest): Promise<ModerationCountsReply> {
    requireStaff(caller);
    const em = this.em.fork();
    const [pending, flagged, rejected] = await Promise.all([
      em.count(Comment, { status: 'pending' }),
      em.count(Comment, { flagsCount: { $gt: 0 }, status: { $in: ['published', 'hidden'] } }),
      em.count(Comment, { status: 'rejected' }),
    ]);
    return { counts: { pending, flagged, rejected } };
  }

  async decide({ caller, commentId, decision }: DecideCommentRequest): Promise<ModerationCommentReply> {
    const moderatorId = requireStaff(caller);
    const em = this.em.fork();
    const comment = await transactionalRetryingConflicts(em, async (tx) => {
      const comment = await lockCommentForChange(tx, commentId);
      const wasPublishedBefore = comment.publishedAt !== null;
      const outcome = decide({ status: comment.status, featured: comment.featured }, decision.action);
      if (!outcome) throw new CommentNotEditableError();
      if (outcome.status !== comment.status) await moveStatus(tx, comment, outcome.status);
      comment.featured = outcome.featured;
      // An approval settles the flags: the comment leaves the flagged queue, the flags stay on record.
      if (decision.action === 'approve') comment.flagsCount = 0;
      tx.create(Decision, {
        id: randomUUID(),
        commentId,
        action: decision.action,
        reason: decision.reason ?? null,
        moderatorId,
        decidedAt: new Date(),
      });
      recordEvent(
        tx,
        eventOf(CommentDecidedV1, {
          commentId,
          articleId: comment.articleId,
          action: decision.action,
          ...(decision.reason ? { reason: decision.reason } : {}),
          moderatorId,
        }),
      );
      if (!wasPublishedBefore && comment.status === 'published') {
        const answered = comment.replyToId ? await tx.findOne(Comment, { id: comment.replyToId }) : null;
        recordEvent(tx, publishedEvent(comment, answered));
      }
      return comment;
    });
    this.signals.changed(comment.articleId);
    const [view] = await this.present(em, [comment]);
    return { comment: view };
  }

  async ban({ caller, readerId, ban }: BanReaderRequest): Promise<ReaderBanReply> {
    const bannedBy = requireStaff(caller);
    const now = new Date();
    const until = ban.until === undefined ? null : new Date(ban.until);
    if (until !== null && until.getTime() <= now.getTime()) {
      throw new ValidationFailedError([{ field: 'until', message: 'until must be in the future' }]);
    }
    const row = await this.em
      .fork()
      .upsert(ReaderBan, { readerId, until, reason: ban.reason, bannedBy, bannedAt: now });
    return { ban: banViewOf(row) };
  }

  async liftBan({ caller, readerId }: ReaderRequest): Promise<BanLiftedReply> {
    requireStaff(caller);
    const deleted = await this.em.fork().nativeDelete(ReaderBan, { readerId });
    if (deleted === 0) throw new ReaderNotBannedError();
    return { readerId, lifted: true };
  }

  /**
   * Right to erasure (admins): every comment of the reader becomes a tombstone (or disappears when it
   * has no published replies), their names and emails are removed, and the counts move with them.
   */
  async eraseReader({ caller, readerId }: ReaderRequest): Promise<ReaderErasedReply> {
    requireStaff(caller, 'admin');
    const articleIds = await transactionalRetryingConflicts(this.em, async (em) => {
      const comments = await em.find(
        Comment,
        { readerId },
        { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } },
      );
      const articles = [...new Set(comments.map((comment) => comment.articleId))];
      await moveStatuses(
        em,
        comments.filter((comment) => comment.status !== 'deleted'),
        'deleted',
      );
      for (const comment of comments) {
        Object.assign(comment, {
          body: '',
          authorName: '',
          authorEmail: null,
          notifyOnReply: false,
          addressHash: null,
          articleTitle: null,
          articleUrl: null,
        });
      }
      await em.nativeUpdate(Flag, { readerId }, { note: null });
      return { articles, erased: comments.length };
    });
    this.signals.changed(...articleIds.articles);
    return { readerId, commentsErased: articleIds.erased };
  }

  async settings({ caller }: CommentsCallerRequest): Promise<CommentSettingsReply> {
    requireStaff(caller);
    return { settings: (await this.settingsStore.current()).settings };
  }

  async updateSettings({ caller, settings }: UpdateCommentSettingsRequest): Promise<CommentSettingsReply> {
    requireStaff(caller);
    return { settings: await this.settingsStore.update(settings) };
  }

  async articleSettings({ caller, articleId }: ArticleRequest): Promise<ArticleCommentSettingsReply> {
    requireStaff(caller);
    const article = await this.em.fork().findOne(Article, { articleId });
    return this.articleReply(articleId, article);
  }

  /** Closing takes the article's lock, so a post in flight either commits before it or sees it closed. */
  async updateArticleSettings({
    caller,
    articleId,
    settings,
  }: UpdateArticleSettingsRequest): Promise<ArticleCommentSettingsReply> {
    requireStaff(caller);
    const article = await this.em.fork().transactional(async (em) => {
      const article = await lockArticle(em, articleId, new Date());
      if (settings.closed !== undefined) article.closed = settings.closed;
      if (settings.mode !== undefined) article.mode = settings.mode;
      article.updatedAt = new Date();
      return article;
    });
    this.signals.changed(articleId);
    return this.articleReply(articleId, article);
  }

  private async articleReply(
    articleId: string,
    article: Article | null,
  ): Promise<ArticleCommentSettingsReply> {
    const { settings } = await this.settingsStore.current();
    return {
      settings: {
        articleId,
        closed: article?.closed ?? false,
        mode: article?.mode ?? null,
        closesAt:
          autoClosesAt(article?.firstCommentAt ?? null, settings.autoCloseDays)?.toISOString() ?? null,
      },
    };
  }

  private async present(em: EntityManager, comments: Comment[]) {
    if (comments.length === 0) return [];
    const ids = comments.map((comment) => comment.id);
    const readerIds = [...new Set(comments.flatMap((comment) => comment.readerId ?? []))];
    const [flags, decisions, bans] = await Promise.all([
      em.find(Flag, { commentId: { $in: ids } }, { orderBy: { createdAt: 'asc' } }),
      em.find(Decision, { commentId: { $in: ids } }, { orderBy: { decidedAt: 'asc', id: 'asc' } }),
      readerIds.length === 0
        ? []
        : em.find(ReaderBan, {
            readerId: { $in: readerIds },
            $or: [{ until: null }, { until: { $gt: new Date() } }],
          }),
    ]);
    const banOf = new Map(bans.map((ban) => [ban.readerId, ban]));
    return comments.map((comment) =>
      presentForModerator(
        comment,
        flags.filter((flag) => flag.commentId === comment.id),
        decisions.filter((decision) => decision.commentId === comment.id),
        comment.readerId === null ? null : (banOf.get(comment.readerId) ?? null),
      ),
    );
  }
}
