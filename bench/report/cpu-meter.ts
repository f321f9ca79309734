import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat on Linux. */
const TICKS_PER_SECOND = 100;

/** CPU milliseconds (user + system) one process has used so far; 0 where /proc cannot tell. */
function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

export type CpuSample = Record<string, number>;

/**
 * CPU time of each part of the chain (gateway, polls, NATS, the database's backends, the load
 * generator) across a run: on a machine with two cores the parts compete, so CPU per request tells
 * where the throughput goes.
 */
export class CpuMeter {
  constructor(private readonly parts: Record<string, () => Promise<number[]>>) {}

  async sample(): Promise<CpuSample> {
    const sample: CpuSample = {};
    for (const [name, pids] of Object.entries(this.parts)) {
      sample[name] = (await pids()).reduce((sum, pid) => sum + cpuMsOf(pid), 0);
    }
    return sample;
  }

  static perRequest(before: CpuSample, after: CpuSample, requests: number): CpuSample {
    return Object.fromEntries(
      Object.keys(after).map((name) => [
        name,
        requests > 0 ? (after[name] - (before[name] ?? 0)) / requests : 0,
      ]),
    );
  }
}
