import { RateLimitedError } from '@app/contracts';
import { STREAM_QUOTA_RETRY_AFTER_SECONDS, StreamQuota } from './stream-quota';

describe('the per-address stream quota', () => {
  it('gives an address exactly its quota and refuses one more with a Retry-After', () => {
    const quota = new StreamQuota(3);
    for (let index = 0; index < 3; index += 1) quota.take('a');
    let refused: unknown;
    try {
      quota.take('a');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect(refused).toMatchObject({ status: 429, retryAfterSeconds: STREAM_QUOTA_RETRY_AFTER_SECONDS });
    expect(quota.openFor('a')).toBe(3);
  });

  it('counts each address on its own', () => {
    const quota = new StreamQuota(1);
    quota.take('a');
    expect(() => quota.take('b')).not.toThrow();
    expect(() => quota.take('a')).toThrow(RateLimitedError);
  });

  it('frees a place when a stream closes, and only once however often it is released', () => {
    const quota = new StreamQuota(2);
    const first = quota.take('a');
    quota.take('a');
    first();
    first();
    expect(quota.openFor('a')).toBe(1);
    expect(() => quota.take('a')).not.toThrow();
    expect(() => quota.take('a')).toThrow(RateLimitedError);
  });

  it('forgets an address once its last stream closed', () => {
    const quota = new StreamQuota(1);
    quota.take('a')();
    expect(quota.openFor('a')).toBe(0);
    expect(() => quota.take('a')).not.toThrow();
  });
});
