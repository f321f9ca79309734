import { NotFoundError, ServiceUnavailableError } from '@app/contracts';
import { PollLiveHub } from './poll-live.hub';
import { PollsGatewaySettings } from './polls.settings';

const INTERVAL_MS = 1000;

function subscriber(refresh: () => Promise<void> = () => Promise.resolve()) {
  return { refresh: jest.fn(refresh), close: jest.fn() };
}

describe('live results of one gateway copy', () => {
  let hub: PollLiveHub;
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-30T12:00:00Z') });
    hub = new PollLiveHub(new PollsGatewaySettings(10_000, INTERVAL_MS, 2));
  });
  afterEach(() => jest.useRealTimers());

  it('refreshes each stream once per interval however many changes arrive', async () => {
    const first = subscriber();
    const second = subscriber();
    hub.join('poll-1', first);
    hub.join('poll-1', second);
    for (let i = 0; i < 50; i += 1) hub.changed('poll-1');
    expect(first.refresh).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(first.refresh).toHaveBeenCalledTimes(1);
    expect(second.refresh).toHaveBeenCalledTimes(1);
    hub.changed('poll-1');
    await jest.advanceTimersByTimeAsync(INTERVAL_MS - 1);
    expect(first.refresh).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(first.refresh).toHaveBeenCalledTimes(2);
  });

  it('closes the streams of a poll that is gone', async () => {
    const stream = subscriber(() => Promise.reject(new NotFoundError('The poll')));
    hub.join('poll-1', stream);
    hub.changed('poll-1');
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(stream.close).toHaveBeenCalledTimes(1);
  });

  it('answers 503 past the streams this copy serves, and a stream that leaves frees its place', () => {
    const leave = hub.join('poll-1', subscriber());
    hub.join('poll-2', subscriber());
    expect(() => hub.join('poll-3', subscriber())).toThrow(ServiceUnavailableError);
    leave();
    leave();
    expect(() => hub.join('poll-3', subscriber())).not.toThrow();
  });

  it('closes every stream at shutdown', () => {
    const streams = [subscriber(), subscriber()];
    streams.forEach((stream) => hub.join('poll-1', stream));
    hub.beforeApplicationShutdown();
    streams.forEach((stream) => expect(stream.close).toHaveBeenCalledTimes(1));
  });
});
