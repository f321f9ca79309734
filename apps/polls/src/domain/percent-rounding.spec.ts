import { largestRemainderPercents } from './percent-rounding';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('largestRemainderPercents', () => {
  it('gives the 466-vote distribution integer shares that sum to exactly 100', () => {
    const percents = largestRemainderPercents([84, 61, 56, 51, 47, 47, 42, 42, 36]);
    expect(percents).toEqual([18, 13, 12, 11, 10, 10, 9, 9, 8]);
    expect(sum(percents)).toBe(100);
  });

  it('gives a tied remainder to the earlier option', () => {
    expect(largestRemainderPercents([1, 1, 1])).toEqual([34, 33, 33]);
    expect(largestRemainderPercents([0, 1, 1, 1])).toEqual([0, 34, 33, 33]);
    expect(largestRemainderPercents([1, 1, 1, 1, 1, 1])).toEqual([17, 17, 17, 17, 16, 16]);
  });

  it('keeps exact shares exact', () => {
    expect(largestRemainderPercents([1, 1, 2])).toEqual([25, 25, 50]);
    expect(largestRemainderPercents([5, 0])).toEqual([100, 0]);
  });

  it('gives zeros when nobody has voted', () => {
    expect(largestRemainderPercents([0, 0, 0])).toEqual([0, 0, 0]);
    expect(largestRemainderPercents([])).toEqual([]);
  });

  it('always sums to 100 for any positive total', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % 1000;
    for (let round = 0; round < 500; round += 1) {
      const votes = Array.from({ length: 2 + (round % 19) }, () => next() % (1 + (round % 50)));
      if (sum(votes) === 0) continue;
      const percents = largestRemainderPercents(votes);
      expect(sum(percents)).toBe(100);
      percents.forEach((percent, index) => {
        const exact = (votes[index] * 100) / sum(votes);
        expect(Math.abs(percent - exact)).toBeLessThan(1);
      });
    }
  });
});
