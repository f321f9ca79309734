/**
 * Core-NATS signal (payload `PollChangedSignal`) published when a poll's results or definition change.
 * Losing one costs a stale cached read for at most the gateway's cache TTL, never data.
 */
export const POLL_CHANGED_SIGNAL = 'signals.polls.changed';

export interface PollChangedSignal {
  pollId: string;
  /** true when the poll was deleted: caches drop it instead of refreshing. */
  deleted?: boolean;
}

/** JetStream event types written through the outbox. */
export const PollEvents = {
  closed: 'poll.closed',
} as const;

export interface PollClosedEvent {
  pollId: string;
  question: string;
  closedAt: string;
  totalVotes: number;
  totalVoters: number;
  options: { id: string; text: string; votes: number; percent: number }[];
}
