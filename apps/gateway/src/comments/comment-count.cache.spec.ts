import { CommentCountCache } from './comment-count.cache';

describe('CommentCountCache', () => {
  let clock: number;
  const cache = (ttlMs = 1000, maxArticles = 10) => new CommentCountCache(ttlMs, maxArticles, () => clock);

  beforeEach(() => {
    clock = 0;
  });

  it('knows the counts it stored until their TTL is over', () => {
    const counts = cache(1000);
    counts.store({ a: 3, b: 0 }, counts.mark(['a', 'b']));
    clock = 999;
    expect([...counts.known(['a', 'b', 'c'])]).toEqual([
      ['a', 3],
      ['b', 0],
    ]);
    clock = 1000;
    expect(counts.known(['a', 'b']).size).toBe(0);
  });

  it('forgets an article that changed, and only that one', () => {
    const counts = cache();
    counts.store({ a: 3, b: 1 }, counts.mark(['a', 'b']));
    counts.invalidate('a');
    expect([...counts.known(['a', 'b'])]).toEqual([['b', 1]]);
  });

  it('does not keep a count read before a change that arrived while it was loading', () => {
    const counts = cache();
    const mark = counts.mark(['a', 'b']);
    counts.invalidate('a');
    counts.store({ a: 3, b: 1 }, mark);
    expect([...counts.known(['a', 'b'])]).toEqual([['b', 1]]);
  });

  it('keeps nothing loading when everything was dropped meanwhile', () => {
    const counts = cache();
    const mark = counts.mark(['a']);
    counts.clear();
    counts.store({ a: 3 }, mark);
    expect(counts.known(['a']).size).toBe(0);
  });

  it('holds at most maxArticles counts, forgetting the oldest first', () => {
    const counts = cache(1000, 2);
    counts.store({ a: 1, b: 2, c: 3 }, counts.mark(['a', 'b', 'c']));
    expect([...counts.known(['a', 'b', 'c']).keys()]).toEqual(['b', 'c']);
  });

  it('asks once for concurrent identical misses, and keeps the answer', async () => {
    const counts = cache();
    let release!: (counts: Record<string, number>) => void;
    const fetch = jest.fn(() => new Promise<Record<string, number>>((resolve) => (release = resolve)));
    const both = Promise.all([counts.load(['a', 'b'], fetch), counts.load(['a', 'b'], fetch)]);
    release({ a: 1, b: 2 });
    expect(await both).toEqual([
      { a: 1, b: 2 },
      { a: 1, b: 2 },
    ]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect([...counts.known(['a', 'b'])]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });
});
