import { autoClosesAt, isClosed } from './auto-close';

describe('auto-close', () => {
  const first = new Date('2026-05-01T10:00:00.000Z');

  it('closes exactly autoCloseDays after the first comment', () => {
    const article = { closed: false, firstCommentAt: first };
    expect(isClosed(article, 7, new Date('2026-05-08T09:59:59.999Z'))).toBe(false);
    expect(isClosed(article, 7, new Date('2026-05-08T10:00:00.000Z'))).toBe(true);
  });

  it('never closes by itself with 0 days or before a first comment', () => {
    expect(autoClosesAt(first, 0)).toBeNull();
    expect(autoClosesAt(null, 7)).toBeNull();
    expect(isClosed({ closed: false, firstCommentAt: null }, 7, new Date('2030-01-01'))).toBe(false);
  });

  it('stays closed when a moderator closed it by hand', () => {
    expect(isClosed({ closed: true, firstCommentAt: null }, 0, first)).toBe(true);
  });
});
