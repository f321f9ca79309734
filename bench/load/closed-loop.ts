import { Pool } from 'undici';
import type { LoadJob, LoadResult } from './load.protocol';

/**
 * `connections` loops, each sending its next request as soon as the previous answer was read, over
 * keep-alive connections, until the duration is over. A closed loop measures the throughput the
 * servers sustain; latency is the time each request waited for its whole answer.
 */
export async function runClosedLoop(job: LoadJob): Promise<LoadResult> {
  const pools = job.origins.map(
    (origin, index) =>
      new Pool(origin, {
        // The connections split as evenly as they go; the first copies take the odd ones.
        connections: Math.ceil((job.connections - index) / job.origins.length),
        pipelining: 1,
      }),
  );
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let transportErrors = 0;
  let firstError: string | undefined;
  let sent = 0;
  let readersUsed = 0;
  const readers = job.readers;
  const bodies = job.bodies;
  const paths = job.paths;

  const start = performance.now();
  const deadline = start + job.durationMs;

  const loop = async (pool: Pool): Promise<void> => {
    while (performance.now() < deadline) {
      const headers: Record<string, string> = { ...job.headers };
      if (readers) {
        if (readersUsed >= readers.length) return;
        const reader = readers[readersUsed++];
        headers['x-reader-token'] = reader.token;
        headers['x-forwarded-for'] = reader.forwardedFor;
      }
      const body = bodies ? bodies[sent % bodies.length] : undefined;
      const path = paths ? paths[sent % paths.length] : job.path;
      if (body !== undefined) headers['content-type'] = 'application/json';
      sent++;
      const began = performance.now();
      try {
        const answer = await pool.request({ method: job.method, path, headers, body });
        if (answer.statusCode >= 200 && answer.statusCode < 300) await answer.body.dump();
        else {
          const text = await answer.body.text();
          firstError ??= `${answer.statusCode} ${text.slice(0, 300)}`;
        }
        latencies.push(performance.now() - began);
        statuses[answer.statusCode] = (statuses[answer.statusCode] ?? 0) + 1;
      } catch (error) {
        transportErrors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };

  await Promise.all(Array.from({ length: job.connections }, (_, index) => loop(pools[index % pools.length])));
  const elapsedMs = performance.now() - start;
  await Promise.all(pools.map((pool) => pool.close()));

  latencies.sort((x, y) => x - y);
  const failedAnswers = Object.entries(statuses)
    .filter(([status]) => Number(status) < 200 || Number(status) >= 300)
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    requests: latencies.length + transportErrors,
    statuses,
    errors: failedAnswers + transportErrors,
    transportErrors,
    elapsedMs,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    readersUsed,
    readersExhausted: readers !== undefined && readersUsed >= readers.length,
    firstError,
  };
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}
