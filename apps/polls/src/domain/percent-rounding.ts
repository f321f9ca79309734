/**
 * Integer percents by the largest-remainder method: each share is rounded down, then the points still
 * missing to 100 go to the shares with the largest remainders, a tie going to the earlier option. The
 * result sums to exactly 100 whenever the total is positive (and is all zeros otherwise). Remainders are
 * compared as integers (votes × 100 mod total), so no floating-point error can reorder them.
 */
export function largestRemainderPercents(votes: readonly number[]): number[] {
  const total = votes.reduce((sum, count) => sum + count, 0);
  if (total <= 0) return votes.map(() => 0);
  const percents = votes.map((count) => Math.floor((count * 100) / total));
  const remainders = votes.map((count, index) => ({ index, remainder: (count * 100) % total }));
  let missing = 100 - percents.reduce((sum, percent) => sum + percent, 0);
  remainders.sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of remainders) {
    if (missing <= 0) break;
    percents[index] += 1;
    missing -= 1;
  }
  return percents;
}
