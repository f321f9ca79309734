import { route } from '../route';

/** What the comment moderation screens call. */
export const COMMENT_ROUTES = {
  queue: route('GET', '/api/v1/moderation/comments'),
  counts: route('GET', '/api/v1/moderation/comments/counts'),
  countsStream: route('GET', '/api/v1/moderation/comments/stream'),
  decide: route('POST', '/api/v1/moderation/comments/{id}/decision'),
  ban: route('POST', '/api/v1/moderation/readers/{readerId}/ban'),
  liftBan: route('DELETE', '/api/v1/moderation/readers/{readerId}/ban'),
  settings: route('GET', '/api/v1/moderation/comment-settings'),
  updateSettings: route('PUT', '/api/v1/moderation/comment-settings'),
  articleSettings: route('GET', '/api/v1/articles/{articleId}/comment-settings'),
  updateArticleSettings: route('PUT', '/api/v1/articles/{articleId}/comment-settings'),
} as const;
