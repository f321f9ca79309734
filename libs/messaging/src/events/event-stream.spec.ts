import { Logger } from '@nestjs/common';
import { JetStreamManager, NatsError, StreamInfo } from 'nats';
import { ensureEventStream, isClusterForming } from './event-stream';

/** A JetStream API refusal as nats.js raises it. */
function refusal(code: number, description: string): NatsError {
  const error = new NatsError(description, '400');
  error.api_error = { code: 503, err_code: code, description };
  return error;
}

const NO_PEERS = () => refusal(10005, 'no suitable peers for placement');

/** A stream API that answers `add` with the given outcomes in turn (the last one repeats). */
function streamsAnswering(outcomes: (() => StreamInfo | NatsError)[]) {
  let calls = 0;
  const jsm = {
    streams: {
      add: () => {
        const outcome = outcomes[Math.min(calls, outcomes.length - 1)]();
        calls += 1;
        return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome);
      },
    },
  } as unknown as JetStreamManager;
  return { jsm, calls: () => calls };
}

const created = () => ({ config: { name: 'EVENTS' } }) as StreamInfo;
const wait = { deadlineMs: 200, retryMs: 5 };

describe('ensuring the events stream on a cluster that is still forming', () => {
  it('asks again while the cluster cannot place the stream yet, and takes the stream once it can', async () => {
    const api = streamsAnswering([
      NO_PEERS,
      () => refusal(10008, 'JetStream system temporarily unavailable'),
      created,
    ]);
    await expect(ensureEventStream(api.jsm, 'EVENTS', { replicas: 3 }, wait)).resolves.toEqual(created());
    expect(api.calls()).toBe(3);
  });

  it('tells the operator once what it waits for, and when the stream was placed', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    try {
      const api = streamsAnswering([NO_PEERS, NO_PEERS, NO_PEERS, created]);
      await ensureEventStream(api.jsm, 'EVENTS', { replicas: 3 }, wait);
      expect(warn.mock.calls).toEqual([
        [expect.stringContaining('cannot place stream EVENTS yet (no suitable peers for placement)')],
      ]);
      expect(log.mock.calls).toEqual([[expect.stringMatching(/^stream EVENTS placed after \d+ ms$/)]]);

      warn.mockClear();
      log.mockClear();
      await ensureEventStream(streamsAnswering([created]).jsm, 'EVENTS', {}, wait);
      expect([warn.mock.calls, log.mock.calls]).toEqual([[], []]);
    } finally {
      warn.mockRestore();
      log.mockRestore();
    }
  });

  it('fails at once on any other refusal', async () => {
    const api = streamsAnswering([() => refusal(10052, 'invalid stream config'), created]);
    await expect(ensureEventStream(api.jsm, 'EVENTS', {}, wait)).rejects.toThrow('invalid stream config');
    expect(api.calls()).toBe(1);
  });

  it("gives up with the cluster's answer once the wait is over", async () => {
    const api = streamsAnswering([NO_PEERS]);
    const started = Date.now();
    await expect(ensureEventStream(api.jsm, 'EVENTS', { replicas: 3 }, wait)).rejects.toThrow(
      'no suitable peers for placement',
    );
    // It kept asking until the last retry that still fitted in the wait, not fewer.
    expect(Date.now() - started).toBeGreaterThanOrEqual(wait.deadlineMs - wait.retryMs);
    expect(api.calls()).toBeGreaterThan(1);
  });

  it('tells a forming cluster from other errors', () => {
    expect(isClusterForming(NO_PEERS())).toBe(true);
    expect(isClusterForming(refusal(10058, 'stream name already in use'))).toBe(false);
    expect(isClusterForming(new Error('no suitable peers for placement'))).toBe(false);
  });
});
