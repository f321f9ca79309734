import { CpuMeter, CpuReading } from './cpu-meter';

const reading = (parts: Record<string, [number, number][]>): CpuReading =>
  Object.fromEntries(Object.entries(parts).map(([name, processes]) => [name, new Map(processes)]));

describe('CPU per request across a run', () => {
  it('adds what each process used since the first reading, all of it for one started since', () => {
    const before = reading({ gateway: [[10, 500]], postgres: [[20, 1000]] });
    const after = reading({
      gateway: [[10, 700]],
      postgres: [
        [20, 1100],
        [21, 50],
      ],
    });
    expect(CpuMeter.perRequest(before, after, 100)).toEqual({ gateway: 2, postgres: 1.5 });
  });

  it('never goes below zero when a process ended during the run', () => {
    // Backend 30 had used 5 s before the run and closed its connection: it is simply not counted.
    const before = reading({
      postgres: [
        [20, 1000],
        [30, 5000],
      ],
    });
    const after = reading({ postgres: [[20, 1200]] });
    expect(CpuMeter.perRequest(before, after, 100)).toEqual({ postgres: 2 });
  });

  it('is 0 per request for a run that answered none', () => {
    expect(CpuMeter.perRequest(reading({ gateway: [[1, 0]] }), reading({ gateway: [[1, 9]] }), 0)).toEqual({
      gateway: 0,
    });
  });
});
