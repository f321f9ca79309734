import { SignalThrottle, ThrottleTimers } from './signal-throttle';

/** A hand-driven clock: nothing runs until the test advances it. */
class ManualTimers implements ThrottleTimers {
  now = 0;
  private queue: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 0;

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.queue.push({ at: this.now + ms, callback, id });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.queue = this.queue.filter((timer) => timer.id !== handle);
  }

  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at);
      const due = this.queue[0];
      if (!due || due.at > until) break;
      this.queue.shift();
      this.now = due.at;
      due.callback();
    }
    this.now = until;
  }
}

describe('SignalThrottle', () => {
  let timers: ManualTimers;
  let emitted: { key: string; at: number }[];
  let throttle: SignalThrottle;

  beforeEach(() => {
    timers = new ManualTimers();
    emitted = [];
    throttle = new SignalThrottle(250, (key) => emitted.push({ key, at: timers.now }), timers);
  });

  it('emits the first hit at once', () => {
    throttle.hit('a');
    expect(emitted).toEqual([{ key: 'a', at: 0 }]);
  });

  it('folds hits inside the interval into one trailing emission', () => {
    throttle.hit('a');
    timers.advance(10);
    throttle.hit('a');
    throttle.hit('a');
    timers.advance(100);
    throttle.hit('a');
    timers.advance(200);
    expect(emitted).toEqual([
      { key: 'a', at: 0 },
      { key: 'a', at: 250 },
    ]);
  });

  it('emits no trailing edge when nothing happened after the leading one', () => {
    throttle.hit('a');
    timers.advance(1000);
    expect(emitted).toHaveLength(1);
    expect(throttle.openWindows).toBe(0);
  });

  it('keeps at most one emission per interval under a steady stream', () => {
    for (let t = 0; t < 1000; t += 5) {
      throttle.hit('a');
      timers.advance(5);
    }
    timers.advance(500);
    expect(emitted.length).toBeLessThanOrEqual(1 + 1000 / 250 + 1);
    for (let i = 1; i < emitted.length; i += 1) {
      expect(emitted[i].at - emitted[i - 1].at).toBeGreaterThanOrEqual(250);
    }
    expect(emitted[emitted.length - 1].at).toBeGreaterThanOrEqual(995);
  });

  it('throttles each key on its own', () => {
    throttle.hit('a');
    throttle.hit('b');
    throttle.hit('a');
    expect(emitted.map((e) => e.key)).toEqual(['a', 'b']);
    timers.advance(250);
    expect(emitted.map((e) => e.key)).toEqual(['a', 'b', 'a']);
  });

  it('flush emits what is pending and stops the timers', () => {
    throttle.hit('a');
    throttle.hit('a');
    throttle.flush();
    expect(emitted.map((e) => e.key)).toEqual(['a', 'a']);
    timers.advance(1000);
    expect(emitted).toHaveLength(2);
  });
});
