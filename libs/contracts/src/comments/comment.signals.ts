/**
 * Core-NATS signal (payload `CommentsChangedSignal`) the comments service publishes after a change that
 * may alter what readers see of an article: a comment posted, edited, deleted, decided or flagged out of
 * view, a reaction, the article's settings, a reader's erasure. Every gateway copy hears it and drops
 * its cached first pages of that article. Losing one costs a stale cached read for at most the
 * gateway's cache TTL, never data.
 */
export const COMMENTS_CHANGED_SIGNAL = 'signals.comments.changed';

export interface CommentsChangedSignal {
  /** The articles whose public pages changed. */
  articleIds: string[];
}
