import { crossesFlagThreshold } from './flag-threshold';

describe('crossesFlagThreshold', () => {
  it('is crossed by the flag that reaches the threshold', () => {
    expect(crossesFlagThreshold(2, 3, 3)).toBe(true);
  });

  it('is not crossed below it, nor again above it', () => {
    expect(crossesFlagThreshold(1, 2, 3)).toBe(false);
    expect(crossesFlagThreshold(3, 4, 3)).toBe(false);
  });
});
