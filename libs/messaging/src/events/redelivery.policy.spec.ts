import { afterFailure, retryDelayMs } from './redelivery.policy';

describe('redelivery policy', () => {
  const backoff = [1000, 5000, 30000];

  it('waits the back-off step of the attempt that failed', () => {
    expect(retryDelayMs(1, backoff)).toBe(1000);
    expect(retryDelayMs(2, backoff)).toBe(5000);
    expect(retryDelayMs(3, backoff)).toBe(30000);
  });

  it('repeats the last step when there are more attempts than steps', () => {
    expect(retryDelayMs(7, backoff)).toBe(30000);
  });

  it('redelivers at once when no back-off is set', () => {
    expect(retryDelayMs(2, [])).toBe(0);
  });

  it('retries while deliveries remain', () => {
    expect(afterFailure(1, 5, backoff)).toEqual({ action: 'retry', delayMs: 1000 });
    expect(afterFailure(4, 5, backoff)).toEqual({ action: 'retry', delayMs: 30000 });
  });

  it('dead-letters once the last allowed delivery failed', () => {
    expect(afterFailure(5, 5, backoff)).toEqual({ action: 'dead-letter' });
    expect(afterFailure(6, 5, backoff)).toEqual({ action: 'dead-letter' });
  });
});
