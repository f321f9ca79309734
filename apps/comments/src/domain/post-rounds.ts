/**
 * Splits a batch into rounds in which no key appears twice, in the batch's order: an item goes to the
 * round after the last one that holds any of its keys. The posting statement judges a round as one
 * set, so two posts of one reader (or one address) must be judged one after the other: the second
 * must see the first's comment and hit. A batch of distinct readers is one round.
 */
export function roundsOf<T>(items: readonly T[], keysOf: (item: T) => readonly string[]): T[][] {
  const rounds: T[][] = [];
  const lastRound = new Map<string, number>();
  for (const item of items) {
    const keys = keysOf(item);
    const round = keys.reduce((latest, key) => Math.max(latest, (lastRound.get(key) ?? -1) + 1), 0);
    for (const key of keys) lastRound.set(key, round);
    (rounds[round] ??= []).push(item);
  }
  return rounds;
}
