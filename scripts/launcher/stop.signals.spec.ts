import { StopRequests } from './stop.signals';

describe('StopRequests', () => {
  it('stops gracefully on the first signal and takes its echo from npm or the process group as the same request', () => {
    const requests = new StopRequests(1500);
    expect(requests.decide(10000)).toBe('stop');
    expect(requests.decide(10005)).toBe('same-request');
    expect(requests.decide(11499)).toBe('same-request');
  });

  it('kills at once on a signal that comes later, from someone who will not wait', () => {
    const requests = new StopRequests(1500);
    requests.decide(10000);
    expect(requests.decide(11500)).toBe('kill-now');
  });
});
