/** True for the flag that takes a comment to the threshold: the one that hides it, exactly once. */
export function crossesFlagThreshold(flagsBefore: number, flagsAfter: number, threshold: number): boolean {
  return flagsBefore < threshold && flagsAfter >= threshold;
}
