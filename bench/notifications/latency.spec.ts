import { percentile } from './latency';

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile([5], 99)).toBe(5);
  });

  it('has nothing to say about no values', () => {
    expect(percentile([], 99)).toBeNaN();
  });
});
