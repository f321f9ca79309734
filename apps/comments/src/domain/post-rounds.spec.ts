import { roundsOf } from './post-rounds';

const keys = (item: string): string[] => item.split('+').filter(Boolean);

describe('roundsOf', () => {
  it('keeps items with distinct keys in one round', () => {
    expect(roundsOf(['r1+a1', 'r2+a2', 'r3'], keys)).toEqual([['r1+a1', 'r2+a2', 'r3']]);
  });

  it("puts a key's second item in the next round, and its third in the one after", () => {
    expect(roundsOf(['r1+a1', 'r2', 'r1+a3', 'r1'], keys)).toEqual([['r1+a1', 'r2'], ['r1+a3'], ['r1']]);
  });

  it('places an item after the latest round of any of its keys', () => {
    // r2's first post shares a2 with the second round's post: it must follow it.
    expect(roundsOf(['r1+a1', 'r1+a2', 'r2+a2', 'r3+a1'], keys)).toEqual([
      ['r1+a1'],
      ['r1+a2', 'r3+a1'],
      ['r2+a2'],
    ]);
  });

  it('keeps items without keys in the first round', () => {
    expect(roundsOf(['', 'r1', '', 'r1'], keys)).toEqual([['', 'r1', ''], ['r1']]);
  });

  it('gives no rounds for no items', () => {
    expect(roundsOf([], keys)).toEqual([]);
  });
});
