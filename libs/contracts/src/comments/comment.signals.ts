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

/**
 * Core-NATS signal (no payload) the comments service publishes when a moderation queue may have grown
 * without anything readers see changing: a comment held for a moderator, a flag below the threshold.
 * Gateways recount the queues for the moderators' live streams on it and on `COMMENTS_CHANGED_SIGNAL`
 * (a decision, a deletion or an erasure moves comments between queues too). Losing one leaves a
 * moderator's count behind until the next change.
 */
export const COMMENT_QUEUES_CHANGED_SIGNAL = 'signals.comments.queues';
