import { presentPoll, PollSnapshot, PollView } from '@app/contracts';
import { PollCache } from './poll.cache';

const NOW = new Date('2026-11-30T12:00:00Z');
const TTL_MS = 10_000;

function snapshot(overrides: Partial<PollSnapshot> = {}): PollSnapshot {
  return {
    id: 'poll-1',
    question: 'Где встретить Новый год?',
    multipleChoice: false,
    maxChoices: 1,
    opensAt: '2026-11-30T10:00:00.000Z',
    closesAt: null,
    resultsVisibility: 'after_vote',
    placement: 'sidebar',
    articleId: null,
    createdAt: '2026-11-30T09:00:00.000Z',
    totalVotes: 4,
    totalVoters: 4,
    options: [
      { id: 'a', text: 'Дома', votes: 3, percent: 75 },
      { id: 'b', text: 'В горах', votes: 1, percent: 25 },
    ],
    ...overrides,
  };
}

const viewFor = (poll: PollSnapshot, myVote: string[] | null, isEditor = false): PollView =>
  presentPoll(poll, { myVote, isEditor }, NOW)!;

const reader = { myVote: null, isEditor: false };
const voter = { myVote: ['a'], isEditor: false };

describe('the gateway poll cache', () => {
  let clock: number;
  let cache: PollCache;
  beforeEach(() => {
    clock = NOW.getTime();
    cache = new PollCache(TTL_MS, () => clock);
  });

  it('never shows a reader the results a voter was shown', () => {
    cache.put(viewFor(snapshot(), ['a']));
    expect(cache.lookup('poll-1', voter, NOW)).toEqual({
      kind: 'view',
      view: expect.objectContaining({ totalVotes: 4, myVote: null }),
    });
    // The reader has not voted: their access is "question", and nothing of that kind is cached yet.
    expect(cache.lookup('poll-1', reader, NOW)).toBeUndefined();
  });

  it('keeps what one kind of caller was shown apart from the other', async () => {
    const poll = snapshot();
    await cache.load('poll-1', 'not-voted', () => Promise.resolve(viewFor(poll, null)));
    await cache.load('poll-1', 'voted', () => Promise.resolve(viewFor(poll, ['b'])));
    const seenByReader = cache.lookup('poll-1', reader, NOW);
    const seenByVoter = cache.lookup('poll-1', voter, NOW);
    expect(seenByReader?.kind === 'view' && seenByReader.view.totalVotes).toBeNull();
    expect(seenByVoter?.kind === 'view' && seenByVoter.view.totalVotes).toBe(4);
  });

  it('hides a scheduled poll an editor read from every reader', () => {
    cache.put(viewFor(snapshot({ opensAt: '2026-11-30T13:00:00.000Z' }), null, true));
    expect(cache.lookup('poll-1', reader, NOW)).toEqual({ kind: 'missing' });
    expect(cache.lookup('poll-1', voter, NOW)).toEqual({ kind: 'missing' });
  });

  it('asks once for every concurrent miss of one kind, and not again until the TTL passes', async () => {
    let loads = 0;
    const fetch = () => {
      loads += 1;
      return Promise.resolve(viewFor(snapshot(), null));
    };
    await Promise.all(Array.from({ length: 20 }, () => cache.load('poll-1', 'not-voted', fetch)));
    expect(loads).toBe(1);
    expect(cache.lookup('poll-1', reader, NOW)?.kind).toBe('view');
    clock += TTL_MS + 1;
    expect(cache.lookup('poll-1', reader, NOW)).toBeUndefined();
  });

  it('does not keep an answer that started before a change signal', async () => {
    let finish!: (view: PollView) => void;
    const pending = cache.load(
      'poll-1',
      'not-voted',
      () => new Promise<PollView>((resolve) => (finish = resolve)),
    );
    cache.invalidate('poll-1');
    finish(viewFor(snapshot(), null));
    await pending;
    expect(cache.lookup('poll-1', reader, NOW)).toBeUndefined();
  });

  it('remembers "no such poll" for readers, and forgets it on a change', async () => {
    await cache.load('poll-1', 'not-voted', () => Promise.resolve(null));
    expect(cache.lookup('poll-1', reader, NOW)).toEqual({ kind: 'missing' });
    cache.invalidate('poll-1');
    expect(cache.lookup('poll-1', reader, NOW)).toBeUndefined();
  });

  it('keeps known votes across a change but forgets "has not voted"', () => {
    cache.rememberVote('poll-1', 'reader-a', ['a']);
    cache.rememberVote('poll-1', 'reader-b', null);
    cache.invalidate('poll-1');
    expect(cache.peekVote('poll-1', 'reader-a')).toEqual(['a']);
    expect(cache.peekVote('poll-1', 'reader-b')).toBeUndefined();
  });

  it('keeps the view that counted more voters when vote answers arrive out of order', () => {
    const after = (voters: number) => viewFor(snapshot({ totalVotes: voters, totalVoters: voters }), ['a']);
    cache.putVoteResult(after(300));
    cache.putVoteResult(after(236));
    const seen = cache.lookup('poll-1', voter, NOW);
    expect(seen?.kind === 'view' && seen.view.totalVoters).toBe(300);
    cache.putVoteResult(after(301));
    const later = cache.lookup('poll-1', voter, NOW);
    expect(later?.kind === 'view' && later.view.totalVoters).toBe(301);
  });

  it('keeps a poll’s definition for vote answers when only its counts changed, and drops it otherwise', () => {
    cache.put(viewFor(snapshot(), null));
    cache.invalidate('poll-1', true);
    expect(cache.lookup('poll-1', reader, NOW)).toBeUndefined();
    expect(cache.definitionOf('poll-1')).toEqual(
      expect.objectContaining({ question: 'Где встретить Новый год?' }),
    );
    cache.invalidate('poll-1');
    expect(cache.definitionOf('poll-1')).toBeUndefined();
  });

  it('forgets a definition after the TTL, with or without a signal', () => {
    cache.put(viewFor(snapshot(), ['a']));
    clock += TTL_MS - 1;
    expect(cache.definitionOf('poll-1')).toBeDefined();
    clock += 1;
    expect(cache.definitionOf('poll-1')).toBeUndefined();
  });
});
