import { digestWindowClosed, digestWindowStart } from './digest-window';

describe('digest windows', () => {
  it('puts two arrivals within one slice into the same window and the next slice into another', () => {
    const a = digestWindowStart(new Date('2026-11-30T10:00:01Z'), 15);
    const b = digestWindowStart(new Date('2026-11-30T10:14:59Z'), 15);
    const c = digestWindowStart(new Date('2026-11-30T10:15:00Z'), 15);
    expect(a.toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect(b).toEqual(a);
    expect(c.toISOString()).toBe('2026-11-30T10:15:00.000Z');
  });

  it('is closed exactly at its end', () => {
    const start = new Date('2026-11-30T10:00:00Z');
    expect(digestWindowClosed(start, 15, new Date('2026-11-30T10:14:59.999Z'))).toBe(false);
    expect(digestWindowClosed(start, 15, new Date('2026-11-30T10:15:00Z'))).toBe(true);
  });
});
