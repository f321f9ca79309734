import type {
  CommentCountsView,
  CommentListView,
  CommentSort,
  CommentView,
  FlagReason,
  PostedCommentView,
} from '@app/contracts/comments/comment.model';
import { asReader, readerGet } from '../api/reader-token';
import { request, type Answer } from '../api/request';

export interface NewCommentBody {
  body: string;
  parentId?: string;
  /** Guests only: a signed-in portal reader's name comes from the portal token. */
  authorName?: string;
  authorEmail?: string;
  notifyOnReply?: boolean;
  locale: 'ru' | 'en';
  articleTitle?: string;
  articleUrl?: string;
}

export interface ReactionReply {
  commentId: string;
  like: number;
  myReaction: 'like' | null;
}

const id = encodeURIComponent;

/** The comments API as a reader calls it; every answer comes back as it is, never thrown. */
export class CommentsApi {
  constructor(private readonly language: string) {}

  list(articleId: string, sort: CommentSort, cursor: string | null): Promise<Answer<CommentListView>> {
    let path = `/api/v1/articles/${id(articleId)}/comments?sort=${sort}`;
    if (cursor) path += '&cursor=' + id(cursor);
    return readerGet<CommentListView>(path, this.language);
  }

  post(articleId: string, comment: NewCommentBody): Promise<Answer<PostedCommentView>> {
    return asReader(`/api/v1/articles/${id(articleId)}/comments`, 'POST', comment, this.language);
  }

  edit(commentId: string, body: string): Promise<Answer<CommentView>> {
    return asReader(`/api/v1/comments/${id(commentId)}`, 'PATCH', { body }, this.language);
  }

  remove(commentId: string): Promise<Answer> {
    return asReader(`/api/v1/comments/${id(commentId)}`, 'DELETE', undefined, this.language);
  }

  like(commentId: string, on: boolean): Promise<Answer<ReactionReply>> {
    const path = `/api/v1/comments/${id(commentId)}/reaction`;
    return on
      ? asReader(path, 'PUT', { type: 'like' }, this.language)
      : asReader(path, 'DELETE', undefined, this.language);
  }

  flag(commentId: string, reason: FlagReason): Promise<Answer> {
    return asReader(`/api/v1/comments/${id(commentId)}/flags`, 'POST', { reason }, this.language);
  }
}

/** Published comments per article, for up to 100 articles in one call. */
export function countComments(articleIds: readonly string[]): Promise<Answer<CommentCountsView>> {
  return request<CommentCountsView>('/api/v1/comments/counts?articleIds=' + articleIds.map(id).join(','));
}
