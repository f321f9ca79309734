import type { PollSnapshot, PollStatus, PollView } from './poll.model';

/**
 * A poll's status follows from its dates, so any holder of a snapshot (the service, a gateway cache)
 * computes the same answer at any moment without being told that time has passed.
 */
export function pollStatus(poll: Pick<PollSnapshot, 'opensAt' | 'closesAt'>, now: Date): PollStatus {
  const at = now.getTime();
  if (poll.closesAt !== null && Date.parse(poll.closesAt) <= at) return 'closed';
  if (Date.parse(poll.opensAt) > at) return 'scheduled';
  return 'open';
}

export interface PollViewer {
  /** The caller's choices in this poll, or null when the caller has not voted (or is anonymous). */
  myVote: string[] | null;
  /** Editors (and admins) always see results. */
  isEditor: boolean;
}

/** Whether the visibility rule lets this viewer see the results now. */
export function resultsVisible(poll: PollSnapshot, viewer: PollViewer, now: Date): boolean {
  if (viewer.isEditor) return true;
  switch (poll.resultsVisibility) {
    case 'always':
      return true;
    case 'after_vote':
      return viewer.myVote !== null || pollStatus(poll, now) === 'closed';
    case 'after_close':
      return pollStatus(poll, now) === 'closed';
  }
}

/** What one caller sees of a poll: results hidden (null) while the visibility rule says so. */
export function presentPoll(poll: PollSnapshot, viewer: PollViewer, now: Date): PollView {
  const visible = resultsVisible(poll, viewer, now);
  return {
    id: poll.id,
    question: poll.question,
    status: pollStatus(poll, now),
    multipleChoice: poll.multipleChoice,
    maxChoices: poll.maxChoices,
    opensAt: poll.opensAt,
    closesAt: poll.closesAt,
    resultsVisibility: poll.resultsVisibility,
    placement: poll.placement,
    articleId: poll.articleId,
    createdAt: poll.createdAt,
    totalVotes: visible ? poll.totalVotes : null,
    totalVoters: visible ? poll.totalVoters : null,
    myVote: viewer.myVote,
    options: poll.options.map((option) => ({
      id: option.id,
      text: option.text,
      votes: visible ? option.votes : null,
      percent: visible ? option.percent : null,
    })),
  };
}
