export type FailureOutcome = { action: 'retry'; delayMs: number } | { action: 'dead-letter' };

/**
 * What to do with an event whose handler failed on its `deliveryCount`-th delivery (1 for the first):
 * give up once `maxDeliver` deliveries were spent, otherwise redeliver after the back-off step for
 * this attempt (the last step repeats when there are more attempts than steps).
 */
export function afterFailure(
  deliveryCount: number,
  maxDeliver: number,
  backoffMs: readonly number[],
): FailureOutcome {
  if (deliveryCount >= maxDeliver) return { action: 'dead-letter' };
  return { action: 'retry', delayMs: retryDelayMs(deliveryCount, backoffMs) };
}

export function retryDelayMs(deliveryCount: number, backoffMs: readonly number[]): number {
  if (backoffMs.length === 0) return 0;
  const step = Math.min(Math.max(deliveryCount, 1), backoffMs.length) - 1;
  return backoffMs[step];
}
