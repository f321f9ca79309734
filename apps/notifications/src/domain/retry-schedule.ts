/** How a channel's failed attempts are spaced and how many it gets. */
export interface RetryPolicy {
  /** Pause after the first failure; it doubles after each further one. */
  baseMs: number;
  /** No pause is longer than this, however many failures came before. */
  maxMs: number;
  /** Attempts in all, the first included; after the last a retryable failure is final. */
  maxAttempts: number;
}

export type NextStep = { action: 'retry'; delayMs: number } | { action: 'give_up' };

/**
 * What follows a retryable failure of attempt number `attempts` (1 for the first): exponential back-off
 * with "equal jitter" (half the pause fixed, half random), so copies that failed together against one
 * server do not come back together. A far side's own wish (`retry_after`) is honoured when longer.
 */
export function afterRetryableFailure(
  attempts: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
  askedMs?: number,
): NextStep {
  if (attempts >= policy.maxAttempts) return { action: 'give_up' };
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.round(exponential / 2 + random() * (exponential / 2));
  return { action: 'retry', delayMs: Math.max(jittered, askedMs ?? 0) };
}
