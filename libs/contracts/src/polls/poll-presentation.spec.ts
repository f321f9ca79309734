import {
  pollAccess,
  pollStatus,
  presentPoll,
  reshapeView,
  resultsVisible,
  snapshotWithCounts,
} from './poll-presentation';
import type { PollSnapshot, ResultsVisibility } from './poll.model';

const NOW = new Date('2026-11-26T12:00:00Z');
const hoursFromNow = (hours: number) => new Date(NOW.getTime() + hours * 3600_000).toISOString();

function snapshot(overrides: Partial<PollSnapshot> = {}): PollSnapshot {
  return {
    id: 'p1',
    question: 'Куда поехать на выходные?',
    multipleChoice: false,
    maxChoices: 1,
    opensAt: hoursFromNow(-1),
    closesAt: null,
    resultsVisibility: 'always',
    placement: 'sidebar',
    articleId: null,
    createdAt: hoursFromNow(-2),
    totalVotes: 3,
    totalVoters: 3,
    options: [
      { id: 'a', text: 'В горы', votes: 2, percent: 67 },
      { id: 'b', text: 'К озеру', votes: 1, percent: 33 },
    ],
    ...overrides,
  };
}

describe('poll status', () => {
  it('is scheduled before opensAt, open until closesAt, closed from closesAt on', () => {
    expect(pollStatus(snapshot({ opensAt: hoursFromNow(1) }), NOW)).toBe('scheduled');
    expect(pollStatus(snapshot({ closesAt: hoursFromNow(1) }), NOW)).toBe('open');
    expect(pollStatus(snapshot({ closesAt: NOW.toISOString() }), NOW)).toBe('closed');
    expect(pollStatus(snapshot(), NOW)).toBe('open');
  });
});

describe('results visibility', () => {
  const cases: [ResultsVisibility, string | null, boolean, boolean][] = [
    // visibility, closesAt, voted, visible to a reader
    ['always', null, false, true],
    ['after_vote', null, false, false],
    ['after_vote', null, true, true],
    ['after_vote', hoursFromNow(-1), false, true],
    ['after_close', null, true, false],
    ['after_close', hoursFromNow(-1), false, true],
  ];
  it.each(cases)('%s (closes %s, voted %s) → visible %s', (visibility, closesAt, voted, visible) => {
    const poll = snapshot({ resultsVisibility: visibility, closesAt });
    expect(resultsVisible(poll, { myVote: voted ? ['a'] : null, isEditor: false }, NOW)).toBe(visible);
    expect(resultsVisible(poll, { myVote: null, isEditor: true }, NOW)).toBe(true);
  });

  it('hides every count and percent, and nothing else, while results are hidden', () => {
    const view = presentPoll(
      snapshot({ resultsVisibility: 'after_close' }),
      { myVote: ['b'], isEditor: false },
      NOW,
    );
    expect(view).toMatchObject({ status: 'open', totalVotes: null, totalVoters: null, myVote: ['b'] });
    expect(view?.options).toEqual([
      { id: 'a', text: 'В горы', votes: null, percent: null },
      { id: 'b', text: 'К озеру', votes: null, percent: null },
    ]);
  });
});

describe('poll access', () => {
  const reader = { myVote: null, isEditor: false };
  const editor = { myVote: null, isEditor: true };

  it('keeps a scheduled poll from readers and shows it to editors', () => {
    const scheduled = snapshot({ opensAt: hoursFromNow(1) });
    expect(pollAccess(scheduled, reader, NOW)).toBe('none');
    expect(presentPoll(scheduled, reader, NOW)).toBeNull();
    expect(pollAccess(scheduled, editor, NOW)).toBe('results');
    expect(presentPoll(scheduled, editor, NOW)?.status).toBe('scheduled');
  });

  it('gives the question alone while results are hidden, and the results once they show', () => {
    const afterVote = snapshot({ resultsVisibility: 'after_vote' });
    expect(pollAccess(afterVote, reader, NOW)).toBe('question');
    expect(pollAccess(afterVote, { myVote: ['a'], isEditor: false }, NOW)).toBe('results');
  });
});

describe('reshaping a view for another viewer', () => {
  it('changes only the status the clock moved and the viewer’s own choices', () => {
    const view = presentPoll(
      snapshot({ closesAt: hoursFromNow(1) }),
      { myVote: ['a'], isEditor: false },
      NOW,
    )!;
    const later = new Date(NOW.getTime() + 2 * 3600_000);
    expect(reshapeView(view, null, later)).toEqual({ ...view, status: 'closed', myVote: null });
    expect(reshapeView(view, ['a'], NOW)).toBe(view);
  });
});

describe('a poll shown from a view and the counts after a vote', () => {
  const counts = {
    totalVotes: 4,
    totalVoters: 4,
    options: [
      { id: 'a', votes: 3, percent: 75 },
      { id: 'b', votes: 1, percent: 25 },
    ],
  };

  it('takes the question, options and dates from a view that hid the counts, and the counts given', () => {
    const poll = snapshot({ resultsVisibility: 'after_vote' });
    const hidden = presentPoll(poll, { myVote: null, isEditor: false }, NOW)!;
    const shown = presentPoll(snapshotWithCounts(hidden, counts)!, { myVote: ['a'], isEditor: false }, NOW);
    expect(shown).toEqual(
      presentPoll(
        snapshot({ resultsVisibility: 'after_vote', ...withCounts(counts) }),
        {
          myVote: ['a'],
          isEditor: false,
        },
        NOW,
      ),
    );
    expect(shown?.options.map((option) => option.votes)).toEqual([3, 1]);
  });

  it('still hides the counts from a voter when the rule says so', () => {
    const poll = snapshot({ resultsVisibility: 'after_close' });
    const view = presentPoll(poll, { myVote: null, isEditor: false }, NOW)!;
    const shown = presentPoll(snapshotWithCounts(view, counts)!, { myVote: ['b'], isEditor: false }, NOW);
    expect(shown).toMatchObject({ totalVotes: null, myVote: ['b'] });
  });

  it('gives nothing when the options differ from the view’s, in ids or in order', () => {
    const view = presentPoll(snapshot(), { myVote: null, isEditor: false }, NOW)!;
    expect(snapshotWithCounts(view, { ...counts, options: [...counts.options].reverse() })).toBeNull();
    expect(snapshotWithCounts(view, { ...counts, options: counts.options.slice(0, 1) })).toBeNull();
  });
});

function withCounts(counts: {
  totalVotes: number;
  totalVoters: number;
  options: { votes: number; percent: number }[];
}) {
  return {
    totalVotes: counts.totalVotes,
    totalVoters: counts.totalVoters,
    options: snapshot().options.map((option, index) => ({
      ...option,
      votes: counts.options[index].votes,
      percent: counts.options[index].percent,
    })),
  };
}
