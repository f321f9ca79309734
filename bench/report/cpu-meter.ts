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

/** CPU milliseconds of each part of the chain, by name. */
export type CpuSample = Record<string, number>;

/** What each process of each part had used at one moment, by part name and then by pid. */
export type CpuReading = Record<string, ReadonlyMap<number, number>>;

/**
 * CPU time of each part of the chain (gateway, polls, NATS, the database's backends, the load
 * generator) across a run: on a machine with two cores the parts compete, so CPU per request tells
 * where the throughput goes.
 */
export class CpuMeter {
  constructor(private readonly parts: Record<string, () => Promise<number[]>>) {}

  async sample(): Promise<CpuReading> {
    const reading: Record<string, ReadonlyMap<number, number>> = {};
    for (const [name, pids] of Object.entries(this.parts)) {
      reading[name] = new Map((await pids()).map((pid) => [pid, cpuMsOf(pid)]));
    }
    return reading;
  }

  /**
   * CPU per request of each part between two readings, process by process: what a process used since
   * the first reading (all of it, for one started since). A process that ended meanwhile (a database
   * backend whose connection closed) is not in the second reading and counts nothing: its time in the
   * run is lost, a small undercount, instead of its whole life taken away from the part's sum.
   */
  static perRequest(before: CpuReading, after: CpuReading, requests: number): CpuSample {
    return Object.fromEntries(
      Object.entries(after).map(([name, processes]) => {
        let used = 0;
        for (const [pid, ms] of processes) used += ms - (before[name]?.get(pid) ?? 0);
        return [name, requests > 0 ? used / requests : 0];
      }),
    );
  }
}
