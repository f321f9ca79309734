import { Injectable } from '@nestjs/common';
import {
  ArticleCommentSettingsChange,
  ArticleCommentSettingsView,
  Caller,
  CommentCountsQuery,
  CommentCountsReply,
  CommentDecision,
  CommentDeletedReply,
  CommentEdit,
  CommentFlag,
  CommentListQuery,
  CommentListReply,
  CommentSettingsChange,
  CommentSettingsView,
  CommentsRpc,
  CommentView,
  FlagAcceptedReply,
  ModerationCommentView,
  ModerationCountsView,
  ModerationQueueQuery,
  ModerationQueueReply,
  NewComment,
  PostCommentReply,
  ReactionChoice,
  ReactionReply,
  ReaderBan,
  ReaderBanView,
  ReaderErasedReply,
} from '@app/contracts';
import { NatsRpcClient } from '@app/messaging';
import { CommentCountCache } from './comment-count.cache';
import { CommentPostForwarder } from './comment-post.forwarder';
import { CommentPageCache } from './comment-page.cache';
import { cacheableSort, COMMENTS_PUBLIC_VIEWER, isPublicViewer } from './public-first-page';

/**
 * The gateway's side of comments: every operation goes to the comments service with the caller, except
 * the public first page of an article (anonymous callers, no cursor, the default page size), answered
 * from the cache of pages the service made for an anonymous caller, and counts, answered from the cache
 * of counts where known. A reader with a token is always given pages by the service, which alone knows
 * their own reactions and comments.
 */
@Injectable()
export class CommentsGateway {
  constructor(
    private readonly rpc: NatsRpcClient,
    private readonly pages: CommentPageCache<CommentListReply>,
    private readonly counted: CommentCountCache,
    private readonly posts: CommentPostForwarder,
  ) {}

  list(articleId: string, query: CommentListQuery, caller: Caller): Promise<CommentListReply> {
    const sort = cacheableSort(query);
    if (sort && isPublicViewer(caller)) {
      return this.pages.load(articleId, sort, () =>
        this.rpc.call(CommentsRpc.list, { caller: COMMENTS_PUBLIC_VIEWER, articleId, query: { sort } }),
      );
    }
    return this.rpc.call(CommentsRpc.list, { caller, articleId, query });
  }

  /** Counts known here are not asked again; the service is asked only for the others. */
  async counts(query: CommentCountsQuery, caller: Caller): Promise<CommentCountsReply> {
    const articleIds = [...new Set(query.articleIds)];
    const known = this.counted.known(articleIds);
    const missing = articleIds.filter((articleId) => !known.has(articleId));
    if (missing.length > 0) {
      const loaded = await this.counted.load(missing, async (articleIds) => {
        return (await this.rpc.call(CommentsRpc.counts, { caller, query: { articleIds } })).counts;
      });
      for (const [articleId, count] of Object.entries(loaded)) known.set(articleId, count);
    }
    return {
      counts: Object.fromEntries(articleIds.map((articleId) => [articleId, known.get(articleId) ?? 0])),
    };
  }

  async post(articleId: string, comment: NewComment, caller: Caller): Promise<PostCommentReply> {
    const reply = await this.posts.post({ caller, articleId, comment });
    this.changed(articleId);
    return reply;
  }

  async edit(commentId: string, edit: CommentEdit, caller: Caller): Promise<CommentView> {
    const { comment } = await this.rpc.call(CommentsRpc.edit, { caller, commentId, edit });
    this.changed(comment.articleId);
    return comment;
  }

  delete(commentId: string, caller: Caller): Promise<CommentDeletedReply> {
    return this.rpc.call(CommentsRpc.delete, { caller, commentId });
  }

  react(commentId: string, reaction: ReactionChoice, caller: Caller): Promise<ReactionReply> {
    return this.rpc.call(CommentsRpc.react, { caller, commentId, reaction });
  }

  unreact(commentId: string, caller: Caller): Promise<ReactionReply> {
    return this.rpc.call(CommentsRpc.unreact, { caller, commentId });
  }

  flag(commentId: string, flag: CommentFlag, caller: Caller): Promise<FlagAcceptedReply> {
    return this.rpc.call(CommentsRpc.flag, { caller, commentId, flag });
  }

  queue(query: ModerationQueueQuery, caller: Caller): Promise<ModerationQueueReply> {
    return this.rpc.call(CommentsRpc.queue, { caller, query });
  }

  async queueCounts(caller: Caller): Promise<ModerationCountsView> {
    return (await this.rpc.call(CommentsRpc.queueCounts, { caller })).counts;
  }

  async decide(commentId: string, decision: CommentDecision, caller: Caller): Promise<ModerationCommentView> {
    const { comment } = await this.rpc.call(CommentsRpc.decide, { caller, commentId, decision });
    this.changed(comment.articleId);
    return comment;
  }

  async ban(readerId: string, ban: ReaderBan, caller: Caller): Promise<ReaderBanView> {
    return (await this.rpc.call(CommentsRpc.ban, { caller, readerId, ban })).ban;
  }

  async liftBan(readerId: string, caller: Caller): Promise<void> {
    await this.rpc.call(CommentsRpc.liftBan, { caller, readerId });
  }

  eraseReader(readerId: string, caller: Caller): Promise<ReaderErasedReply> {
    return this.rpc.call(CommentsRpc.eraseReader, { caller, readerId });
  }

  async settings(caller: Caller): Promise<CommentSettingsView> {
    return (await this.rpc.call(CommentsRpc.settings, { caller })).settings;
  }

  async updateSettings(settings: CommentSettingsChange, caller: Caller): Promise<CommentSettingsView> {
    return (await this.rpc.call(CommentsRpc.updateSettings, { caller, settings })).settings;
  }

  async articleSettings(articleId: string, caller: Caller): Promise<ArticleCommentSettingsView> {
    return (await this.rpc.call(CommentsRpc.articleSettings, { caller, articleId })).settings;
  }

  async updateArticleSettings(
    articleId: string,
    settings: ArticleCommentSettingsChange,
    caller: Caller,
  ): Promise<ArticleCommentSettingsView> {
    const reply = await this.rpc.call(CommentsRpc.updateArticleSettings, { caller, articleId, settings });
    this.changed(articleId);
    return reply.settings;
  }

  /** A change made through this copy shows at once here; other copies hear the service's signal. */
  private changed(articleId: string): void {
    this.pages.invalidate(articleId);
    this.counted.invalidate(articleId);
  }
}
