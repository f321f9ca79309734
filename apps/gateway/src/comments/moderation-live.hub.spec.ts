import { ANONYMOUS, type ModerationCountsView, ServiceUnavailableError } from '@app/contracts';
import { ModerationLiveHub } from './moderation-live.hub';
import { ModerationLiveSettings } from './moderation-live.settings';

const INTERVAL_MS = 1000;
const ZERO: ModerationCountsView = { pending: 0, flagged: 0, rejected: 0 };

function subscriber() {
  return { caller: ANONYMOUS, send: jest.fn(), close: jest.fn() };
}

describe('live moderation counts of one gateway copy', () => {
  let current: ModerationCountsView;
  let source: { queueCounts: jest.Mock };
  let hub: ModerationLiveHub;
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-30T12:00:00Z') });
    current = ZERO;
    source = { queueCounts: jest.fn(() => Promise.resolve(current)) };
    hub = new ModerationLiveHub(new ModerationLiveSettings(INTERVAL_MS, 2), source);
  });
  afterEach(() => jest.useRealTimers());

  it('recounts once per interval for every stream however many changes arrive', async () => {
    const first = subscriber();
    const second = subscriber();
    hub.join(first, ZERO);
    hub.join(second, ZERO);
    current = { ...ZERO, pending: 3 };
    for (let i = 0; i < 50; i += 1) hub.changed();
    await jest.advanceTimersByTimeAsync(0);
    expect(source.queueCounts).toHaveBeenCalledTimes(1);
    expect(first.send).toHaveBeenCalledWith(current);
    expect(second.send).toHaveBeenCalledWith(current);

    current = { ...ZERO, pending: 4 };
    hub.changed();
    hub.changed();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS - 1);
    expect(source.queueCounts).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(source.queueCounts).toHaveBeenCalledTimes(2);
    expect(first.send).toHaveBeenLastCalledWith(current);
  });

  it('sends a stream only counts that differ from what it was last sent', async () => {
    const stream = subscriber();
    hub.join(stream, ZERO);
    hub.changed();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(source.queueCounts).toHaveBeenCalledTimes(1);
    expect(stream.send).not.toHaveBeenCalled();
  });

  it('asks nothing while no moderator watches, and refuses streams past the limit', async () => {
    hub.changed();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS * 3);
    expect(source.queueCounts).not.toHaveBeenCalled();
    const leave = hub.join(subscriber(), ZERO);
    hub.join(subscriber(), ZERO);
    expect(() => hub.join(subscriber(), ZERO)).toThrow(ServiceUnavailableError);
    leave();
    expect(hub.streams).toBe(1);
  });

  it('keeps the streams open when the comments service does not answer', async () => {
    const stream = subscriber();
    hub.join(stream, ZERO);
    source.queueCounts.mockRejectedValueOnce(new Error('timeout'));
    hub.changed();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(stream.close).not.toHaveBeenCalled();
    current = { ...ZERO, flagged: 1 };
    hub.changed();
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(stream.send).toHaveBeenCalledWith(current);
  });

  it('closes every stream at shutdown', () => {
    const stream = subscriber();
    hub.join(stream, ZERO);
    hub.beforeApplicationShutdown();
    expect(stream.close).toHaveBeenCalled();
  });
});
