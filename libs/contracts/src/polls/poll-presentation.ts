import type { VoteTallies } from './poll.commands';
import type { PollSnapshot, PollStatus, PollView, ResultsVisibility } from './poll.model';

/** The part of a poll that decides who sees what; a snapshot and a view both have it. */
export interface PollVisibilityFacts {
  opensAt: string;
  closesAt: string | null;
  resultsVisibility: ResultsVisibility;
}

/**
 * A poll's status follows from its dates, so any holder of a snapshot (the service, a gateway cache)
 * computes the same answer at any moment without being told that time has passed.
 */
export function pollStatus(poll: Pick<PollVisibilityFacts, 'opensAt' | 'closesAt'>, now: Date): PollStatus {
  const at = now.getTime();
  if (poll.closesAt !== null && Date.parse(poll.closesAt) <= at) return 'closed';
  if (Date.parse(poll.opensAt) > at) return 'scheduled';
  return 'open';
}

export interface PollViewer {
  /** The caller's choices in this poll, or null when the caller has not voted (or is anonymous). */
  myVote: string[] | null;
  /** Editors (and admins) always see results, and scheduled polls. */
  isEditor: boolean;
}

/** Whether the visibility rule lets this viewer see the results now. */
export function resultsVisible(poll: PollVisibilityFacts, viewer: PollViewer, now: Date): boolean {
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

/**
 * What a viewer may see of a poll: nothing (a scheduled poll is the editors' until it opens), the
 * question and options without counts, or the results too. The one rule the polls service applies to
 * every reply and a gateway cache applies to every answer it gives from memory.
 */
export type PollAccess = 'none' | 'question' | 'results';

export function pollAccess(poll: PollVisibilityFacts, viewer: PollViewer, now: Date): PollAccess {
  if (viewer.isEditor) return 'results';
  if (pollStatus(poll, now) === 'scheduled') return 'none';
  return resultsVisible(poll, viewer, now) ? 'results' : 'question';
}

/** The access a view was made for: a view carries results exactly when they were visible. */
export function accessOfView(view: PollView): Exclude<PollAccess, 'none'> {
  return view.totalVotes === null ? 'question' : 'results';
}

/**
 * What one viewer sees of a poll: null when they may not see it at all, counts and percents hidden
 * (null) while the visibility rule says so.
 */
export function presentPoll(poll: PollSnapshot, viewer: PollViewer, now: Date): PollView | null {
  const access = pollAccess(poll, viewer, now);
  if (access === 'none') return null;
  const visible = access === 'results';
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

/**
 * A view made for one viewer, shown to another who has the same access: only the caller's own choices
 * and the date-driven status differ. Callers must have checked `pollAccess` for the new viewer.
 */
export function reshapeView(view: PollView, myVote: string[] | null, now: Date): PollView {
  const status = pollStatus(view, now);
  return status === view.status && sameVote(view.myVote, myVote) ? view : { ...view, status, myVote };
}

function sameVote(a: string[] | null, b: string[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/**
 * A poll's snapshot from a view of it (for its question, options and dates; its counts may be hidden)
 * and counts the service gave after a vote. Null when the options differ, in ids or order: the view
 * predates an edit and only the service can show the poll.
 */
export function snapshotWithCounts(view: PollView, counts: VoteTallies): PollSnapshot | null {
  if (view.options.length !== counts.options.length) return null;
  if (view.options.some((option, index) => option.id !== counts.options[index].id)) return null;
  return {
    id: view.id,
    question: view.question,
    multipleChoice: view.multipleChoice,
    maxChoices: view.maxChoices,
    opensAt: view.opensAt,
    closesAt: view.closesAt,
    resultsVisibility: view.resultsVisibility,
    placement: view.placement,
    articleId: view.articleId,
    createdAt: view.createdAt,
    totalVotes: counts.totalVotes,
    totalVoters: counts.totalVoters,
    options: view.options.map((option, index) => ({
      id: option.id,
      text: option.text,
      votes: counts.options[index].votes,
      percent: counts.options[index].percent,
    })),
  };
}
