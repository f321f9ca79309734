import {
  brokenAnswers,
  faultRow,
  faultTable,
  recoveryAfter,
  RequestRecord,
  storedCounts,
} from './fault-report';

const at = (
  sentAt: number,
  outcome: RequestRecord['outcome'],
  extra: Partial<RequestRecord> = {},
): RequestRecord => ({
  kind: 'vote',
  key: `k${sentAt}`,
  sentAt,
  answeredAt: sentAt + 5,
  outcome,
  problem: outcome === 503,
  retryAfter: outcome === 503 ? '1' : null,
  ...extra,
});

describe('recoveryAfter', () => {
  it('is the time from the repair to the first request of the run of successes that ends the load', () => {
    const records = [at(0, 201), at(100, 503), at(200, 201), at(300, 503), at(400, 201), at(500, 201)];
    expect(recoveryAfter(records, 150)).toBe(250);
  });

  it('is 0 when nothing failed, or when the successes began before the repair', () => {
    expect(recoveryAfter([at(0, 201), at(10, 201)], 5)).toBe(0);
    expect(recoveryAfter([at(0, 503), at(10, 201), at(20, 201)], 15)).toBe(0);
  });

  it('is null when the last request sent still failed', () => {
    expect(recoveryAfter([at(0, 201), at(10, 503)], 0)).toBeNull();
    expect(recoveryAfter([at(0, 201), at(10, 'aborted'), at(5, 201)], 0)).toBeNull();
  });
});

describe('storedCounts', () => {
  it('finds a success without a row and any request with two', () => {
    const records = [at(0, 201), at(1, 201), at(2, 'aborted'), at(3, 503)];
    const rows: Record<string, number> = { k0: 1, k1: 0, k2: 2, k3: 0 };
    const { lost, doubled } = storedCounts(records, (record) => rows[record.key]);
    expect(lost.map((record) => record.key)).toEqual(['k1']);
    expect(doubled.map((record) => record.key)).toEqual(['k2']);
  });
});

describe('brokenAnswers', () => {
  it('keeps hangs, 5xx other than 503, and 503s without a problem document or Retry-After', () => {
    const records = [
      at(0, 201),
      at(1, 503),
      at(2, 500),
      at(3, 'hang'),
      at(4, 503, { retryAfter: null }),
      at(5, 503, { problem: false }),
      at(6, 'aborted'),
      at(7, 409),
    ];
    expect(brokenAnswers(records).map((record) => record.sentAt)).toEqual([2, 3, 4, 5]);
  });
});

describe('faultTable', () => {
  it('counts each outcome and shows the times in seconds', () => {
    const records = [at(0, 201), at(100, 503), at(200, 'aborted'), at(300, 201)];
    const row = faultRow('kill -9 polls', records, { lost: [], doubled: [] }, { faultAt: 0, backAt: 100 });
    expect(row).toEqual({
      fault: 'kill -9 polls',
      sent: 4,
      succeeded: 2,
      unavailable: 1,
      other: 1,
      lost: 0,
      doubled: 0,
      downMs: 100,
      recoveryMs: 200,
    });
    expect(faultTable([row]).split('\n')).toEqual([
      '| Fault         | Sent | 2xx | 503 | Other | Lost | Doubled | Down for | Recovery |',
      '| ------------- | ---- | --- | --- | ----- | ---- | ------- | -------- | -------- |',
      '| kill -9 polls | 4    | 2   | 1   | 1     | 0    | 0       | 0.1 s    | 0.2 s    |',
    ]);
  });
});
