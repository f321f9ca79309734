/** What the load generator asked for. */
export type RequestKind = 'vote' | 'comment' | 'submission';

/**
 * How one request ended: an HTTP status, `aborted` (the connection broke with the request in flight,
 * as when the gateway it reached was killed), `refused` (no gateway took the connection) or `hang`
 * (no answer by the client's deadline).
 */
export type RequestOutcome = number | 'aborted' | 'refused' | 'hang';

export interface RequestRecord {
  kind: RequestKind;
  /** What finds its row afterwards: the reader's id, the comment's body, the submission's title. */
  key: string;
  sentAt: number;
  answeredAt: number;
  outcome: RequestOutcome;
  /** For an HTTP answer: whether it was a problem document (application/problem+json). */
  problem: boolean;
  retryAfter: string | null;
}

export interface FaultRow {
  fault: string;
  sent: number;
  succeeded: number;
  unavailable: number;
  other: number;
  /** Answered 2xx, not in the database. */
  lost: number;
  /** In the database more than once, whatever the answer was. */
  doubled: number;
  /** How long the faulted part was away (from the fault until it was back), in ms. */
  downMs: number;
  /** From the part being back until every later request succeeded, in ms; null when that never came. */
  recoveryMs: number | null;
}

export const succeeded = (record: RequestRecord): boolean =>
  typeof record.outcome === 'number' && record.outcome >= 200 && record.outcome < 300;

/**
 * When requests succeeded again for good: the time, after `from`, of the first request sent from which
 * on every request succeeded, less `from` (0 when none failed after `from`); null when the last request
 * sent still failed.
 */
export function recoveryAfter(records: readonly RequestRecord[], from: number): number | null {
  const bySending = [...records].sort((a, b) => a.sentAt - b.sentAt);
  let lastFailure = -1;
  bySending.forEach((record, index) => {
    if (!succeeded(record)) lastFailure = index;
  });
  if (lastFailure === bySending.length - 1) return null;
  if (lastFailure === -1) return 0;
  return Math.max(0, bySending[lastFailure + 1].sentAt - from);
}

/** Lost and doubled requests, given how many rows each request's key has in the database. */
export function storedCounts(
  records: readonly RequestRecord[],
  rowsOf: (record: RequestRecord) => number,
): { lost: RequestRecord[]; doubled: RequestRecord[] } {
  return {
    lost: records.filter((record) => succeeded(record) && rowsOf(record) === 0),
    doubled: records.filter((record) => rowsOf(record) > 1),
  };
}

/** Answers that break the promise to a client under a fault: a 5xx but 503, or a 503 that is no problem document with Retry-After. */
export function brokenAnswers(records: readonly RequestRecord[]): RequestRecord[] {
  return records.filter(
    (record) =>
      record.outcome === 'hang' ||
      (typeof record.outcome === 'number' &&
        ((record.outcome >= 500 && record.outcome !== 503) ||
          (record.outcome === 503 && (!record.problem || record.retryAfter === null)))),
  );
}

export function faultRow(
  fault: string,
  records: readonly RequestRecord[],
  stored: { lost: unknown[]; doubled: unknown[] },
  times: { faultAt: number; backAt: number },
): FaultRow {
  const ok = records.filter(succeeded).length;
  const unavailable = records.filter((record) => record.outcome === 503).length;
  return {
    fault,
    sent: records.length,
    succeeded: ok,
    unavailable,
    other: records.length - ok - unavailable,
    lost: stored.lost.length,
    doubled: stored.doubled.length,
    downMs: times.backAt - times.faultAt,
    recoveryMs: recoveryAfter(records, times.backAt),
  };
}

const seconds = (ms: number | null): string => (ms === null ? 'never' : `${(ms / 1000).toFixed(1)} s`);

/** The rows as a Markdown table, as the README shows it. */
export function faultTable(rows: readonly FaultRow[]): string {
  const header = ['Fault', 'Sent', '2xx', '503', 'Other', 'Lost', 'Doubled', 'Down for', 'Recovery'];
  const lines = rows.map((row) => [
    row.fault,
    String(row.sent),
    String(row.succeeded),
    String(row.unavailable),
    String(row.other),
    String(row.lost),
    String(row.doubled),
    seconds(row.downMs),
    seconds(row.recoveryMs),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column].length)),
  );
  const format = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [
    format(header),
    `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
    ...lines.map(format),
  ].join('\n');
}
