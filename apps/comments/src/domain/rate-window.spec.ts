import { rateWindowStart, retryAfterSeconds } from './rate-window';

describe('rate windows', () => {
  it('puts instants of one window on the same start', () => {
    expect(rateWindowStart(new Date('2026-05-01T10:00:59.999Z'), 60).toISOString()).toBe(
      '2026-05-01T10:00:00.000Z',
    );
    expect(rateWindowStart(new Date('2026-05-01T10:01:00.000Z'), 60).toISOString()).toBe(
      '2026-05-01T10:01:00.000Z',
    );
  });

  it('tells a refused client to come back when the window ends, never in 0 seconds', () => {
    expect(retryAfterSeconds(new Date('2026-05-01T10:00:15.000Z'), 60)).toBe(45);
    expect(retryAfterSeconds(new Date('2026-05-01T10:00:59.900Z'), 60)).toBe(1);
  });
});
