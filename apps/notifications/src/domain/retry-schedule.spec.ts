import { afterRetryableFailure, RetryPolicy } from './retry-schedule';

const policy: RetryPolicy = { baseMs: 1000, maxMs: 8000, maxAttempts: 5 };

describe('afterRetryableFailure', () => {
  it('doubles the pause after each failure, between half and all of it', () => {
    expect(afterRetryableFailure(1, policy, () => 0)).toEqual({ action: 'retry', delayMs: 500 });
    expect(afterRetryableFailure(1, policy, () => 1)).toEqual({ action: 'retry', delayMs: 1000 });
    expect(afterRetryableFailure(3, policy, () => 1)).toEqual({ action: 'retry', delayMs: 4000 });
  });

  it('never waits longer than the ceiling', () => {
    expect(afterRetryableFailure(4, policy, () => 1)).toEqual({ action: 'retry', delayMs: 8000 });
    expect(afterRetryableFailure(4, { ...policy, maxAttempts: 100 }, () => 1)).toEqual({
      action: 'retry',
      delayMs: 8000,
    });
  });

  it('gives up after the last allowed attempt and not before', () => {
    expect(afterRetryableFailure(4, policy).action).toBe('retry');
    expect(afterRetryableFailure(5, policy)).toEqual({ action: 'give_up' });
  });

  it('waits at least as long as the far side asked', () => {
    expect(afterRetryableFailure(1, policy, () => 0, 30000)).toEqual({ action: 'retry', delayMs: 30000 });
  });
});
