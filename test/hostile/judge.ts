import type { Outcome } from './send';

/** Why an outcome breaks the rules for bad input, or null when it keeps them. */
export function verdict(outcome: Outcome, deadlineMs: number): string | null {
  if (outcome.status === 0) return `no answer: ${outcome.error ?? 'unknown'}`;
  if (outcome.status >= 500) return `server error ${outcome.status}: ${outcome.body.slice(0, 200)}`;
  if (outcome.elapsedMs > deadlineMs) return `answered after ${outcome.elapsedMs} ms`;
  if (outcome.request.mayPass && outcome.status < 400) return null;
  const expected = outcome.request.expect;
  if (expected ? !expected.includes(outcome.status) : outcome.status < 400)
    return `status ${outcome.status}, expected ${expected?.join(' or ') ?? 'a 4xx'}: ${outcome.body.slice(0, 200)}`;
  // Node's HTTP parser answers a header block past its limit (431) itself, before any route runs.
  if (outcome.status === 431) return null;
  if (!outcome.contentType?.startsWith('application/problem+json'))
    return `${outcome.status} without a problem document (${outcome.contentType ?? 'no type'})`;
  let problem: Record<string, unknown>;
  try {
    problem = JSON.parse(outcome.body) as Record<string, unknown>;
  } catch {
    return `${outcome.status} problem document that is no JSON`;
  }
  const missing = ['type', 'title', 'status', 'detail'].filter(
    (field) => problem[field] === undefined || problem[field] === '',
  );
  if (missing.length > 0) return `problem document without ${missing.join(', ')}`;
  if (problem.status !== outcome.status)
    return `problem status ${String(problem.status)} differs from ${outcome.status}`;
  if (/\bat [\w.<>]+ \(|node_modules|\.ts:\d+/.test(outcome.body)) return 'stack trace in the answer';
  return null;
}

/** Operation, request count and status histogram, one line each, widest operation first column. */
export function summaryTable(outcomes: Outcome[]): string {
  const rows = new Map<string, Map<number, number>>();
  for (const outcome of outcomes) {
    const histogram = rows.get(outcome.request.operation) ?? new Map<number, number>();
    histogram.set(outcome.status, (histogram.get(outcome.status) ?? 0) + 1);
    rows.set(outcome.request.operation, histogram);
  }
  const width = Math.max(9, ...[...rows.keys()].map((name) => name.length));
  const lines = [`${'operation'.padEnd(width)}  requests  statuses`];
  for (const [operation, histogram] of [...rows.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const total = [...histogram.values()].reduce((sum, count) => sum + count, 0);
    const statuses = [...histogram.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}×${count}`)
      .join(' ');
    lines.push(`${operation.padEnd(width)}  ${String(total).padStart(8)}  ${statuses}`);
  }
  lines.push(`${'total'.padEnd(width)}  ${String(outcomes.length).padStart(8)}`);
  return lines.join('\n');
}
