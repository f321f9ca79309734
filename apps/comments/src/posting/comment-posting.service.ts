import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { raw } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Caller,
  CommentAuthorBannedError,
  CommentAuthorNameRequiredError,
  CommentBannedWordError,
  CommentHeldV1,
  CommentParentInvalidError,
  CommentPublishedV1,
  CommentsClosedError,
  DuplicateCommentError,
  eventOf,
  NewComment,
  PostCommentReply,
  PostCommentRequest,
  RateLimitedError,
  ReaderRequiredError,
} from '@app/contracts';
import { recordEvent } from '@app/messaging';
import { isModerator } from '../access/caller-access';
import { CommentsEnv } from '../comments.config';
import { presentComment } from '../comment.presenter';
import { CommentSignals } from '../comment.signals';
import { isClosed } from '../domain/auto-close';
import { holdReasonsFor } from '../domain/hold-reasons';
import { countLinks } from '../domain/link-count';
import { rateWindowStart, retryAfterSeconds } from '../domain/rate-window';
import { placeReply } from '../domain/thread-placement';
import { Comment, RateCounter, ReaderBan } from '../entities';
import { RateLimit, takeRateHits } from '../repositories/rate-counters';
import { SiteSettingsStore } from '../settings/site-settings.store';
import { countPostOnArticle, ensureArticle } from './article-lock';

export const STAFF_DEFAULT_NAME = 'Редакция';

/** A post whose article changed mode while it was written is decided again, this many times at most. */
const MAX_POST_ATTEMPTS = 3;

class ModeChanged extends Error {}

export function bodyHashOf(body: string): string {
  return createHash('sha256').update(body).digest('base64url');
}

/** A reader's (or the newsroom's) new comment, with every rule a post must pass. */
@Injectable()
export class CommentPostingService {
  private purgedBefore?: Date;

  constructor(
    private readonly em: EntityManager,
    private readonly config: CommentsEnv,
    private readonly settingsStore: SiteSettingsStore,
    private readonly signals: CommentSignals,
  ) {}

  async post({ caller, articleId, comment: input }: PostCommentRequest): Promise<PostCommentReply> {
    const byStaff = isModerator(caller);
    if (!caller.readerId && !byStaff) throw new ReaderRequiredError();
    const authorName = this.authorNameOf(caller, input, byStaff);
    const { settings, filter } = await this.settingsStore.current();
    const words = filter.check(`${authorName}\n${input.body}`);
    if (words.banned) throw new CommentBannedWordError();
    const now = new Date();
    const bodyHash = bodyHashOf(input.body);

    let saved: Comment | undefined;
    for (let attempt = 1; saved === undefined; attempt += 1) {
      saved = await this.em
        .fork()
        .transactional(async (em) => {
          if (caller.readerId) await this.refuseBanned(em, caller.readerId, now);
          if (!byStaff) {
            // The reader's rate counter stays locked until this commits, so a concurrent copy of the same
            // post waits here and then finds this one in the duplicate check.
            await this.takeRateHits(em, caller, now);
            await this.refuseDuplicate(em, caller.readerId!, bodyHash, now);
          }
          const seen = await ensureArticle(em, articleId, now);
          if (isClosed(seen, settings.autoCloseDays, now)) throw new CommentsClosedError();
          const answered = input.parentId ? await this.answered(em, articleId, input.parentId) : null;
          const mode = seen.mode ?? settings.mode;
          const comment = this.newComment(em, {
            caller,
            articleId,
            input,
            authorName,
            bodyHash,
            now,
            byStaff,
          });
          const placement = answered ? placeReply(answered) : null;
          Object.assign(comment, {
            threadId: placement?.threadId ?? comment.id,
            parentId: placement?.parentId ?? null,
            replyToId: placement?.replyToId ?? null,
            depth: placement?.depth ?? 1,
            holdReasons: holdReasonsFor({
              mode,
              suspectWord: words.suspect,
              links: countLinks(input.body),
              maxLinks: settings.maxLinks,
              byStaff,
            }),
          });
          const published = comment.holdReasons.length === 0;
          if (published) {
            comment.status = 'published';
            comment.publishedAt = now;
            recordEvent(em, publishedEvent(comment, answered));
          } else {
            recordEvent(
              em,
              eventOf(CommentHeldV1, { commentId: comment.id, articleId, reasons: comment.holdReasons }),
            );
          }
          await em.flush();
          // Comment rows before the article's, in every transaction: no two wait for each other.
          if (published && comment.parentId !== null) {
            await em.nativeUpdate(
              Comment,
              { id: comment.parentId },
              { repliesCount: raw('replies_count + 1') },
            );
          }
          const article = await countPostOnArticle(em, articleId, published ? 1 : 0, now);
          if (isClosed(article, settings.autoCloseDays, now)) throw new CommentsClosedError();
          if ((article.mode ?? settings.mode) !== mode && attempt < MAX_POST_ATTEMPTS)
            throw new ModeChanged();
          return comment;
        })
        .catch((error: unknown) => {
          // The article's mode changed since it was read: rolled back, to be decided again with the new one.
          if (error instanceof ModeChanged) return undefined;
          throw error;
        });
    }
    if (saved.status === 'published') this.signals.changed(articleId);
    await this.forgetPastWindows(now);
    return {
      comment: presentComment(saved, { reactions: new Map(), isMine: () => true }),
      status: saved.status === 'published' ? 'published' : 'pending',
    };
  }

  private newComment(
    em: EntityManager,
    post: {
      caller: Caller;
      articleId: string;
      input: NewComment;
      authorName: string;
      bodyHash: string;
      now: Date;
      byStaff: boolean;
    },
  ): Comment {
    const { caller, input, byStaff } = post;
    const id = randomUUID();
    return em.create(Comment, {
      id,
      articleId: post.articleId,
      threadId: id,
      depth: 1,
      readerId: caller.readerId,
      staffId: byStaff ? caller.staffId : null,
      addressHash: caller.addressHash,
      authorName: post.authorName,
      authorVerified: !byStaff && Boolean(caller.portalName),
      authorIsStaff: byStaff,
      authorEmail: input.authorEmail ?? null,
      notifyOnReply: Boolean(input.notifyOnReply && input.authorEmail),
      locale: input.locale ?? 'ru',
      body: input.body,
      bodyHash: post.bodyHash,
      status: 'pending',
      articleTitle: input.articleTitle ?? null,
      articleUrl: input.articleUrl ?? null,
      createdAt: post.now,
      editedAt: null,
      publishedAt: null,
    });
  }

  /** Counters of windows that ended are dropped, at most once per window by each copy. */
  private async forgetPastWindows(now: Date): Promise<void> {
    const current = rateWindowStart(now, this.config.COMMENT_RATE_WINDOW_SECONDS);
    if (this.purgedBefore !== undefined && this.purgedBefore.getTime() >= current.getTime()) return;
    this.purgedBefore = current;
    await this.em.fork().nativeDelete(RateCounter, { windowStart: { $lt: current } });
  }

  private authorNameOf(caller: Caller, input: NewComment, byStaff: boolean): string {
    if (!byStaff && caller.portalName) return caller.portalName;
    const name = input.authorName ?? (byStaff ? STAFF_DEFAULT_NAME : undefined);
    if (!name) throw new CommentAuthorNameRequiredError();
    return name;
  }

  private async refuseBanned(em: EntityManager, readerId: string, now: Date): Promise<void> {
    const ban = await em.findOne(ReaderBan, { readerId });
    if (ban && (ban.until === null || ban.until.getTime() > now.getTime()))
      throw new CommentAuthorBannedError();
  }

  private async refuseDuplicate(
    em: EntityManager,
    readerId: string,
    bodyHash: string,
    now: Date,
  ): Promise<void> {
    const minutes = this.config.COMMENT_DUPLICATE_WINDOW_MINUTES;
    if (minutes === 0) return;
    const since = new Date(now.getTime() - minutes * 60_000);
    const earlier = await em.count(Comment, { readerId, bodyHash, createdAt: { $gt: since } });
    if (earlier > 0) throw new DuplicateCommentError();
  }

  private async takeRateHits(em: EntityManager, caller: Caller, now: Date): Promise<void> {
    const seconds = this.config.COMMENT_RATE_WINDOW_SECONDS;
    const limits: RateLimit[] = [];
    if (caller.readerId && this.config.COMMENTS_PER_READER_PER_WINDOW > 0) {
      limits.push({ key: `reader:${caller.readerId}`, limit: this.config.COMMENTS_PER_READER_PER_WINDOW });
    }
    if (caller.addressHash && this.config.COMMENTS_PER_ADDRESS_PER_WINDOW > 0) {
      limits.push({
        key: `address:${caller.addressHash}`,
        limit: this.config.COMMENTS_PER_ADDRESS_PER_WINDOW,
      });
    }
    const exhausted = await takeRateHits(em, limits, rateWindowStart(now, seconds));
    if (exhausted.length > 0) {
      throw new RateLimitedError('Too many comments. Try again later.', retryAfterSeconds(now, seconds));
    }
  }

  private async answered(em: EntityManager, articleId: string, parentId: string): Promise<Comment> {
    const parent = await em.findOne(Comment, { id: parentId });
    if (!parent || parent.articleId !== articleId || parent.status !== 'published') {
      throw new CommentParentInvalidError();
    }
    return parent;
  }
}

/** comment.published, telling the answered comment's author only if they asked and it is not their own reply. */
export function publishedEvent(comment: Comment, answered: Comment | null): CommentPublishedV1 {
  const ownReply =
    answered !== null &&
    ((answered.readerId !== null && answered.readerId === comment.readerId) ||
      (answered.staffId !== null && answered.staffId === comment.staffId));
  const notify =
    answered && answered.notifyOnReply && answered.authorEmail && !ownReply
      ? {
          email: answered.authorEmail,
          name: answered.authorName,
          locale: answered.locale === 'en' ? 'en' : 'ru',
        }
      : undefined;
  return eventOf(CommentPublishedV1, {
    commentId: comment.id,
    articleId: comment.articleId,
    ...(comment.articleTitle ? { articleTitle: comment.articleTitle } : {}),
    ...(comment.articleUrl ? { articleUrl: comment.articleUrl } : {}),
    parentId: comment.parentId,
    replyToId: comment.replyToId,
    authorName: comment.authorName,
    ...(notify ? { notify: notify as CommentPublishedV1['notify'] } : {}),
  });
}
