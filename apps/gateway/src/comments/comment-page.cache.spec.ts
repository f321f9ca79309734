import { CommentPageCache } from './comment-page.cache';

describe('CommentPageCache', () => {
  let clock: number;
  const cache = (ttlMs = 1000, maxArticles = 10) =>
    new CommentPageCache<string>(ttlMs, maxArticles, () => clock);

  beforeEach(() => {
    clock = 0;
  });

  it('serves a loaded page until its TTL is over, then reads it again', async () => {
    const pages = cache(1000);
    const fetch = jest.fn().mockResolvedValueOnce('first').mockResolvedValueOnce('second');
    expect(await pages.load('a1', 'newest', fetch)).toBe('first');
    clock = 999;
    expect(pages.lookup('a1', 'newest')?.page).toBe('first');
    expect(await pages.load('a1', 'newest', fetch)).toBe('first');
    clock = 1000;
    expect(pages.lookup('a1', 'newest')).toBeUndefined();
    expect(await pages.load('a1', 'newest', fetch)).toBe('second');
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('keeps each sort of an article apart', async () => {
    const pages = cache();
    await pages.load('a1', 'newest', async () => 'by date');
    await pages.load('a1', 'top', async () => 'by likes');
    expect(pages.lookup('a1', 'newest')?.page).toBe('by date');
    expect(pages.lookup('a1', 'top')?.page).toBe('by likes');
    expect(pages.lookup('a2', 'newest')).toBeUndefined();
  });

  it('drops every sort of an article on a change, and only that article', async () => {
    const pages = cache();
    await pages.load('a1', 'newest', async () => 'x');
    await pages.load('a1', 'top', async () => 'y');
    await pages.load('a2', 'newest', async () => 'z');
    pages.invalidate('a1');
    expect(pages.lookup('a1', 'newest')).toBeUndefined();
    expect(pages.lookup('a1', 'top')).toBeUndefined();
    expect(pages.lookup('a2', 'newest')?.page).toBe('z');
  });

  it('asks the service once for concurrent misses of one page', async () => {
    const pages = cache();
    let release!: (page: string) => void;
    const fetch = jest.fn(() => new Promise<string>((resolve) => (release = resolve)));
    const both = Promise.all([pages.load('a1', 'top', fetch), pages.load('a1', 'top', fetch)]);
    release('page');
    expect(await both).toEqual(['page', 'page']);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('does not keep a page read before a change that arrived while it was loading', async () => {
    const pages = cache();
    let release!: (page: string) => void;
    const loading = pages.load('a1', 'newest', () => new Promise<string>((resolve) => (release = resolve)));
    pages.invalidate('a1');
    release('stale');
    expect(await loading).toBe('stale');
    expect(pages.lookup('a1', 'newest')).toBeUndefined();
  });

  it('keeps no failed read', async () => {
    const pages = cache();
    await expect(pages.load('a1', 'newest', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await pages.load('a1', 'newest', async () => 'back')).toBe('back');
  });

  it('holds at most maxArticles articles, forgetting the oldest first', async () => {
    const pages = cache(1000, 2);
    await pages.load('a1', 'newest', async () => '1');
    await pages.load('a2', 'newest', async () => '2');
    await pages.load('a3', 'newest', async () => '3');
    expect(pages.lookup('a1', 'newest')).toBeUndefined();
    expect(pages.lookup('a2', 'newest')?.page).toBe('2');
    expect(pages.lookup('a3', 'newest')?.page).toBe('3');
  });

  it('drops everything at once, including what was loading', async () => {
    const pages = cache();
    await pages.load('a1', 'newest', async () => 'x');
    let release!: (page: string) => void;
    const loading = pages.load('a2', 'top', () => new Promise<string>((resolve) => (release = resolve)));
    pages.clear();
    release('stale');
    await loading;
    expect(pages.lookup('a1', 'newest')).toBeUndefined();
    expect(pages.lookup('a2', 'top')).toBeUndefined();
  });
});
