import type {
  CommentDecisionView,
  CommentFlagView,
  CommentView,
  ModerationCommentView,
  ReactionType,
  ReaderBanView,
} from '@app/contracts';
import type { Comment, Decision, Flag, ReaderBan } from './entities';

export interface ReaderContext {
  /** The caller's reactions, by comment id. */
  reactions: ReadonlyMap<string, ReactionType>;
  isMine: (comment: Comment) => boolean;
}

export const NOBODY: ReaderContext = { reactions: new Map(), isMine: () => false };

/** A comment as readers see it; a tombstone shows neither body nor name. */
export function presentComment(
  comment: Comment,
  reader: ReaderContext,
  replies: CommentView[] = [],
): CommentView {
  const tombstone = comment.status === 'deleted';
  return {
    id: comment.id,
    articleId: comment.articleId,
    parentId: comment.parentId,
    replyToId: comment.replyToId,
    depth: comment.depth,
    author: {
      name: tombstone ? '' : comment.authorName,
      isStaff: comment.authorIsStaff,
      verified: comment.authorVerified,
    },
    body: tombstone ? '' : comment.body,
    createdAt: comment.createdAt.toISOString(),
    editedAt: comment.editedAt?.toISOString() ?? null,
    status: comment.status,
    reactions: { like: comment.likes },
    myReaction: reader.reactions.get(comment.id) ?? null,
    mine: !tombstone && reader.isMine(comment),
    featured: comment.featured,
    replies,
    repliesCount: comment.repliesCount,
  };
}

/**
 * Replies of a page's threads, oldest first, nested under the comment they are stored under. A reply
 * whose parent is not shown is not shown either.
 */
export function nestReplies(topLevel: Comment[], replies: Comment[], reader: ReaderContext): CommentView[] {
  const children = new Map<string, Comment[]>();
  for (const reply of replies) {
    const siblings = children.get(reply.parentId!) ?? [];
    siblings.push(reply);
    children.set(reply.parentId!, siblings);
  }
  const build = (comment: Comment): CommentView =>
    presentComment(comment, reader, (children.get(comment.id) ?? []).map(build));
  return topLevel.map(build);
}

export function presentForModerator(
  comment: Comment,
  flags: Flag[],
  decisions: Decision[],
  authorBan: ReaderBan | null,
): ModerationCommentView {
  return {
    id: comment.id,
    articleId: comment.articleId,
    articleTitle: comment.articleTitle,
    articleUrl: comment.articleUrl,
    parentId: comment.parentId,
    author: { name: comment.authorName, isStaff: comment.authorIsStaff, verified: comment.authorVerified },
    authorEmail: comment.authorEmail,
    readerId: comment.readerId,
    authorBan: authorBan && banViewOf(authorBan),
    staffId: comment.staffId,
    body: comment.body,
    status: comment.status,
    featured: comment.featured,
    createdAt: comment.createdAt.toISOString(),
    editedAt: comment.editedAt?.toISOString() ?? null,
    holdReasons: [...comment.holdReasons],
    likes: comment.likes,
    flagsCount: comment.flagsCount,
    flags: flags.map((flag): CommentFlagView => ({
      reason: flag.reason,
      note: flag.note,
      createdAt: flag.createdAt.toISOString(),
    })),
    decisions: decisions.map((decision): CommentDecisionView => ({
      action: decision.action,
      reason: decision.reason,
      moderatorId: decision.moderatorId,
      decidedAt: decision.decidedAt.toISOString(),
    })),
  };
}

export function banViewOf(ban: ReaderBan): ReaderBanView {
  return {
    readerId: ban.readerId,
    until: ban.until?.toISOString() ?? null,
    reason: ban.reason,
    bannedBy: ban.bannedBy,
    bannedAt: ban.bannedAt.toISOString(),
  };
}
