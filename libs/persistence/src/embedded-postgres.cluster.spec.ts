import { pickLocale } from './embedded-postgres.cluster';

describe('pickLocale', () => {
  it('prefers C.UTF-8 in whatever spelling the system lists it', () => {
    expect(pickLocale(['C', 'C.utf8', 'POSIX', 'en_US.utf8'])).toBe('C.utf8');
    expect(pickLocale(['C.UTF-8'])).toBe('C.UTF-8');
  });

  it('takes en_US.UTF-8 when there is no C.UTF-8, and C when there is no UTF-8 locale at all', () => {
    expect(pickLocale(['C', 'POSIX', 'en_US.UTF-8'])).toBe('en_US.UTF-8');
    expect(pickLocale(['C', 'POSIX'])).toBe('C');
    expect(pickLocale([])).toBe('C');
  });
});
