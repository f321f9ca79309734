/** NATS subjects of the polls service: `<service>.<noun>.<verb>`. */
export const PollsSubjects = {
  create: 'polls.poll.create',
  update: 'polls.poll.update',
  close: 'polls.poll.close',
  delete: 'polls.poll.delete',
  get: 'polls.poll.get',
  current: 'polls.poll.current',
  list: 'polls.poll.list',
  castVote: 'polls.vote.cast',
  myVote: 'polls.vote.mine',
  exportResults: 'polls.results.export',
} as const;

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
