import { pollAccess, pollStatus, presentPoll, reshapeView, resultsVisible } from './poll-presentation';
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
