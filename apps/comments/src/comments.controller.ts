import { Controller } from '@nestjs/common';
import {
  ArticleCommentSettingsReply,
  ArticleRequest,
  BanLiftedReply,
  BanReaderRequest,
  CommentCountsReply,
  CommentDeletedReply,
  CommentIdRequest,
  CommentListReply,
  CommentReply,
  CommentsCallerRequest,
  CommentSettingsReply,
  CommentsRpc,
  CountCommentsRequest,
  DecideCommentRequest,
  EditCommentRequest,
  FlagAcceptedReply,
  FlagCommentRequest,
  ListCommentsRequest,
  ModerationCommentReply,
  ModerationCountsReply,
  ModerationQueueReply,
  ModerationQueueRequest,
  PostCommentReply,
  PostCommentRequest,
  PostCommentsReply,
  PostCommentsRequest,
  ReactionReply,
  ReactToCommentRequest,
  ReaderBanReply,
  ReaderErasedReply,
  ReaderRequest,
  UpdateArticleSettingsRequest,
  UpdateCommentSettingsRequest,
} from '@app/contracts';
import { HandlesRpc } from '@app/messaging';
import { ModerationService } from './moderation/moderation.service';
import { CommentPostingService } from './posting/comment-posting.service';
import { ReaderActionsService } from './reader-actions/reader-actions.service';
import { CommentReadingService } from './reading/comment-reading.service';

@Controller()
export class CommentsController {
  constructor(
    private readonly reading: CommentReadingService,
    private readonly posting: CommentPostingService,
    private readonly readerActions: ReaderActionsService,
    private readonly moderation: ModerationService,
  ) {}

  @HandlesRpc(CommentsRpc.list)
  list(request: ListCommentsRequest): Promise<CommentListReply> {
    return this.reading.list(request);
  }

  @HandlesRpc(CommentsRpc.counts)
  counts(request: CountCommentsRequest): Promise<CommentCountsReply> {
    return this.reading.counts(request);
  }

  @HandlesRpc(CommentsRpc.post)
  post(request: PostCommentRequest): Promise<PostCommentReply> {
    return this.posting.post(request);
  }

  @HandlesRpc(CommentsRpc.postMany)
  postMany(request: PostCommentsRequest): Promise<PostCommentsReply> {
    return this.posting.postMany(request);
  }

  @HandlesRpc(CommentsRpc.edit)
  edit(request: EditCommentRequest): Promise<CommentReply> {
    return this.readerActions.edit(request);
  }

  @HandlesRpc(CommentsRpc.delete)
  delete(request: CommentIdRequest): Promise<CommentDeletedReply> {
    return this.readerActions.delete(request);
  }

  @HandlesRpc(CommentsRpc.react)
  react(request: ReactToCommentRequest): Promise<ReactionReply> {
    return this.readerActions.react(request);
  }

  @HandlesRpc(CommentsRpc.unreact)
  unreact(request: CommentIdRequest): Promise<ReactionReply> {
    return this.readerActions.unreact(request);
  }

  @HandlesRpc(CommentsRpc.flag)
  flag(request: FlagCommentRequest): Promise<FlagAcceptedReply> {
    return this.readerActions.flag(request);
  }

  @HandlesRpc(CommentsRpc.queue)
  queue(request: ModerationQueueRequest): Promise<ModerationQueueReply> {
    return this.moderation.queue(request);
  }

  @HandlesRpc(CommentsRpc.queueCounts)
  queueCounts(request: CommentsCallerRequest): Promise<ModerationCountsReply> {
    return this.moderation.counts(request);
  }

  @HandlesRpc(CommentsRpc.decide)
  decide(request: DecideCommentRequest): Promise<ModerationCommentReply> {
    return this.moderation.decide(request);
  }

  @HandlesRpc(CommentsRpc.ban)
  ban(request: BanReaderRequest): Promise<ReaderBanReply> {
    return this.moderation.ban(request);
  }

  @HandlesRpc(CommentsRpc.liftBan)
  liftBan(request: ReaderRequest): Promise<BanLiftedReply> {
    return this.moderation.liftBan(request);
  }

  @HandlesRpc(CommentsRpc.eraseReader)
  eraseReader(request: ReaderRequest): Promise<ReaderErasedReply> {
    return this.moderation.eraseReader(request);
  }

  @HandlesRpc(CommentsRpc.settings)
  settings(request: CommentsCallerRequest): Promise<CommentSettingsReply> {
    return this.moderation.settings(request);
  }

  @HandlesRpc(CommentsRpc.updateSettings)
  updateSettings(request: UpdateCommentSettingsRequest): Promise<CommentSettingsReply> {
    return this.moderation.updateSettings(request);
  }

  @HandlesRpc(CommentsRpc.articleSettings)
  articleSettings(request: ArticleRequest): Promise<ArticleCommentSettingsReply> {
    return this.moderation.articleSettings(request);
  }

  @HandlesRpc(CommentsRpc.updateArticleSettings)
  updateArticleSettings(request: UpdateArticleSettingsRequest): Promise<ArticleCommentSettingsReply> {
    return this.moderation.updateArticleSettings(request);
  }
}
