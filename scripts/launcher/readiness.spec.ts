import { announceWhenReady } from './readiness';

describe('announceWhenReady', () => {
  it('announces once, after every target has answered ready', async () => {
    const answers: Record<string, boolean[]> = { a: [false, true], b: [false, false, true] };
    const check = async (url: string) => answers[url].shift() ?? true;
    const onReady = jest.fn();
    const ready = await announceWhenReady(
      [
        { name: 'a', url: 'a' },
        { name: 'b', url: 'b' },
      ],
      onReady,
      { check, log: () => {}, signal: new AbortController().signal, intervalMs: 1 },
    );
    expect(ready).toBe(true);
    expect(onReady).toHaveBeenCalledTimes(1);
  });

  it('gives up quietly when the suite stops first', async () => {
    const controller = new AbortController();
    const onReady = jest.fn();
    const waiting = announceWhenReady([{ name: 'gateway', url: 'x' }], onReady, {
      check: async () => false,
      log: () => {},
      signal: controller.signal,
      intervalMs: 5,
    });
    setTimeout(() => controller.abort(), 20);
    expect(await waiting).toBe(false);
    expect(onReady).not.toHaveBeenCalled();
  });
});
