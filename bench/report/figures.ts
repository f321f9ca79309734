import type { LoadResult } from '../load/load.protocol';
import type { CpuSample } from './cpu-meter';
import type { ScenarioKey } from '../scenarios';

export interface RunFigures {
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  readersExhausted: boolean;
  /** CPU milliseconds each part of the chain spent per request. */
  cpuMsPerRequest: CpuSample;
  firstError?: string;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface ScenarioFigures {
  key: ScenarioKey;
  title: string;
  throughput: Spread;
  p50Ms: Spread;
  p99Ms: Spread;
  /** Errors of the timed runs. */
  errors: number;
  warmupErrors: number;
  /** Median over the timed runs of each part's CPU milliseconds per request. */
  cpuMsPerRequest: CpuSample;
  warmup: RunFigures;
  runs: RunFigures[];
}

export function runFigures(result: LoadResult, cpuMsPerRequest: CpuSample): RunFigures {
  return {
    throughput: result.requests / (result.elapsedMs / 1000),
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    requests: result.requests,
    errors: result.errors,
    statuses: result.statuses,
    readersExhausted: result.readersExhausted,
    cpuMsPerRequest,
    ...(result.firstError ? { firstError: result.firstError } : {}),
  };
}

export function scenarioFigures(
  key: ScenarioKey,
  title: string,
  warmup: RunFigures,
  runs: RunFigures[],
): ScenarioFigures {
  return {
    key,
    title,
    throughput: spread(runs.map((run) => run.throughput)),
    p50Ms: spread(runs.map((run) => run.p50Ms)),
    p99Ms: spread(runs.map((run) => run.p99Ms)),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    warmupErrors: warmup.errors,
    cpuMsPerRequest: Object.fromEntries(
      Object.keys(runs[0]?.cpuMsPerRequest ?? {}).map((part) => [
        part,
        spread(runs.map((run) => run.cpuMsPerRequest[part] ?? 0)).median,
      ]),
    ),
    warmup,
    runs,
  };
}

function spread(values: number[]): Spread {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}
