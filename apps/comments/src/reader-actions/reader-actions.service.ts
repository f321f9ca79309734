import { Injectable } from '@nestjs/common';
import { QueryResult, raw } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  CommentAlreadyFlaggedError,
  CommentBannedWordError,
  CommentDeletedReply,
  CommentEditWindowClosedError,
  CommentFlaggedV1,
  CommentIdRequest,
  CommentNotEditableError,
  CommentNotFoundError,
  CommentReply,
  EditCommentRequest,
  eventOf,
  FlagAcceptedReply,
  FlagCommentRequest,
  FlagReason,
  NotCommentAuthorError,
  ReactionReply,
  ReactToCommentRequest,
} from '@app/contracts';
import { recordEvent } from '@app/messaging';
import { transactionalRetryingConflicts } from '@app/persistence';
import { isAuthor, isModerator, requireReader } from '../access/caller-access';
import { moveStatus } from '../comment-counters';
import { presentComment } from '../comment.presenter';
import { CommentSignals } from '../comment.signals';
import { isShownToReaders } from '../domain/comment-status';
import { isWithinEditWindow } from '../domain/edit-window';
import { crossesFlagThreshold } from '../domain/flag-threshold';
import { holdReasonsFor } from '../domain/hold-reasons';
import { countLinks } from '../domain/link-count';
import { Comment, Flag, Reaction } from '../entities';
import { bodyHashOf } from '../posting/comment-posting.service';
import { SiteSettingsStore } from '../settings/site-settings.store';
import { lockCommentForChange } from './comment-lookup';

/** What a reader does to comments already written: edit and delete their own, like, flag. */
@Injectable()
export class ReaderActionsService {
  constructor(
    private readonly em: EntityManager,
    private readonly settingsStore: SiteSettingsStore,
    private readonly signals: CommentSignals,
  ) {}

  async edit({ caller, commentId, edit }: EditCommentRequest): Promise<CommentReply> {
    const { settings, filter } = await this.settingsStore.current();
    const words = filter.check(edit.body);
    if (words.banned) throw new CommentBannedWordError();
    const now = new Date();
    const comment = await this.em.fork().transactional(async (em) => {
      const comment = await lockCommentForChange(em, commentId);
      if (!isAuthor(caller, comment)) throw new NotCommentAuthorError();
      if (comment.status === 'deleted' || comment.status === 'rejected') throw new CommentNotEditableError();
      if (!isWithinEditWindow(comment.createdAt, now, settings.editWindowMinutes)) {
        throw new CommentEditWindowClosedError();
      }
      comment.body = edit.body;
      comment.bodyHash = bodyHashOf(edit.body);
      comment.editedAt = now;
      // An edit may not smuggle in what a new comment would have been held for.
      const reasons = holdReasonsFor({
        mode: 'post',
        suspectWord: words.suspect,
        links: countLinks(edit.body),
        maxLinks: settings.maxLinks,
        byStaff: comment.authorIsStaff,
      });
      if (reasons.length > 0 && comment.status === 'published') {
        comment.holdReasons = [...new Set([...comment.holdReasons, ...reasons])];
        await moveStatus(em, comment, 'pending');
      }
      return comment;
    });
    this.signals.changed(comment.articleId);
    return { comment: presentComment(comment, { reactions: new Map(), isMine: () => true }) };
  }

  /** By its author or a moderator. With published replies it stays as a tombstone, body emptied. */
  async delete({ caller, commentId }: CommentIdRequest): Promise<CommentDeletedReply> {
    const comment = await transactionalRetryingConflicts(this.em, async (em) => {
      const comment = await lockCommentForChange(em, commentId);
      if (!isAuthor(caller, comment) && !isModerator(caller)) throw new NotCommentAuthorError();
      if (comment.status !== 'deleted') await moveStatus(em, comment, 'deleted');
      comment.body = '';
      comment.authorEmail = null;
      comment.notifyOnReply = false;
      return comment;
    });
    this.signals.changed(comment.articleId);
    return {
      commentId,
      outcome: isShownToReaders('deleted', comment.repliesCount) ? 'tombstone' : 'removed',
    };
  }

  /** One like per reader: the reaction's key refuses a second, and only an inserted row counts. */
  async react({ caller, commentId, reaction }: ReactToCommentRequest): Promise<ReactionReply> {
    const readerId = requireReader(caller);
    const em = this.em.fork();
    const comment = await this.visibleComment(em, commentId);
    const inserted = await em.transactional(async (tx) => {
      const result: QueryResult = await tx
        .createQueryBuilder(Reaction)
        .insert({ commentId, readerId, type: reaction.type, createdAt: new Date() })
        .onConflict(['commentId', 'readerId'])
        .ignore()
        .execute('run');
      const added = result.affectedRows === 1;
      if (added) await tx.nativeUpdate(Comment, { id: commentId }, { likes: raw('likes + 1') });
      return added;
    });
    if (inserted) this.signals.changed(comment.articleId);
    return { commentId, like: await this.likesOf(commentId), myReaction: reaction.type };
  }

  async unreact({ caller, commentId }: CommentIdRequest): Promise<ReactionReply> {
    const readerId = requireReader(caller);
    const em = this.em.fork();
    const comment = await this.visibleComment(em, commentId);
    const removed = await em.transactional(async (tx) => {
      const deleted = await tx.nativeDelete(Reaction, { commentId, readerId });
      if (deleted === 1) await tx.nativeUpdate(Comment, { id: commentId }, { likes: raw('likes - 1') });
      return deleted === 1;
    });
    if (removed) this.signals.changed(comment.articleId);
    return { commentId, like: await this.likesOf(commentId), myReaction: null };
  }

  /** One flag per reader per comment; the flag that reaches the threshold hides it and says so once. */
  async flag({ caller, commentId, flag }: FlagCommentRequest): Promise<FlagAcceptedReply> {
    const readerId = requireReader(caller);
    const { settings } = await this.settingsStore.current();
    const hidden = await transactionalRetryingConflicts(this.em, async (em) => {
      const comment = await lockCommentForChange(em, commentId);
      if (comment.status !== 'published' && comment.status !== 'hidden') throw new CommentNotFoundError();
      const result: QueryResult = await em
        .createQueryBuilder(Flag)
        .insert({ commentId, readerId, reason: flag.reason, note: flag.note ?? null, createdAt: new Date() })
        .onConflict(['commentId', 'readerId'])
        .ignore()
        .execute('run');
      if (result.affectedRows !== 1) throw new CommentAlreadyFlaggedError();
      const before = comment.flagsCount;
      await em.nativeUpdate(Comment, { id: commentId }, { flagsCount: raw('flags_count + 1') });
      if (
        comment.status !== 'published' ||
        !crossesFlagThreshold(before, before + 1, settings.flagThreshold)
      ) {
        return null;
      }
      await moveStatus(em, comment, 'hidden');
      const reasons = await em.find(Flag, { commentId }, { fields: ['reason'] });
      recordEvent(
        em,
        eventOf(CommentFlaggedV1, {
          commentId,
          articleId: comment.articleId,
          flags: before + 1,
          reasons: [...new Set<FlagReason>(reasons.map((row) => row.reason))],
        }),
      );
      return comment.articleId;
    });
    if (hidden) this.signals.changed(hidden);
    else this.signals.queuesChanged();
    return { commentId, accepted: true };
  }

  private async visibleComment(em: EntityManager, commentId: string): Promise<Comment> {
    const comment = await em.findOne(Comment, { id: commentId });
    if (!comment || comment.status !== 'published') throw new CommentNotFoundError();
    return comment;
  }

  private async likesOf(commentId: string): Promise<number> {
    const comment = await this.em.fork().findOneOrFail(Comment, { id: commentId }, { fields: ['likes'] });
    return comment.likes;
  }
}
