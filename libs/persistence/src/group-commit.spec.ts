import { BatchWriter, GroupCommit, GroupCommitOptions } from './group-commit';

/** A writer that records its batches and answers each item doubled, or as the test says. */
function recordingWriter(answer?: (items: number[]) => Promise<PromiseSettledResult<number>[]>) {
  const batches: number[][] = [];
  const write: BatchWriter<number, number> = (items) => {
    batches.push(items);
    return answer
      ? answer(items)
      : Promise.resolve(items.map((item) => ({ status: 'fulfilled' as const, value: item * 2 })));
  };
  return { batches, write };
}

const options = (overrides: Partial<GroupCommitOptions> = {}): GroupCommitOptions => ({
  maxSize: 4,
  maxDelayMs: 5,
  maxInFlight: 1,
  ...overrides,
});

describe('GroupCommit', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('writes a batch as soon as maxSize items wait, without waiting for the delay', async () => {
    const { batches, write } = recordingWriter();
    const commit = new GroupCommit(options({ maxSize: 3, maxDelayMs: 1000 }), write);
    const answers = Promise.all([1, 2, 3].map((item) => commit.submit(item)));
    expect(batches).toEqual([[1, 2, 3]]);
    await expect(answers).resolves.toEqual([2, 4, 6]);
  });

  it('writes fewer than maxSize items once the first has waited maxDelayMs', async () => {
    const { batches, write } = recordingWriter();
    const commit = new GroupCommit(options({ maxDelayMs: 5 }), write);
    const first = commit.submit(1);
    jest.advanceTimersByTime(3);
    const second = commit.submit(2);
    expect(batches).toEqual([]);
    jest.advanceTimersByTime(2);
    expect(batches).toEqual([[1, 2]]);
    await expect(Promise.all([first, second])).resolves.toEqual([2, 4]);
    expect(commit.waiting).toBe(0);
  });

  it('fails every item of a batch whose write fails, and later batches still go out', async () => {
    let calls = 0;
    const { batches, write } = recordingWriter((items) => {
      calls += 1;
      return calls === 1
        ? Promise.reject(new Error('deadlock detected'))
        : Promise.resolve(items.map((item) => ({ status: 'fulfilled' as const, value: item })));
    });
    const commit = new GroupCommit(options({ maxSize: 2 }), write);
    const failed = [commit.submit(1), commit.submit(2)].map((answer) =>
      answer.then(
        () => 'written',
        (error: Error) => error.message,
      ),
    );
    await expect(Promise.all(failed)).resolves.toEqual(['deadlock detected', 'deadlock detected']);
    await expect(Promise.all([commit.submit(3), commit.submit(4)])).resolves.toEqual([3, 4]);
    expect(batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('fails every item when the writer throws at once or answers the wrong number of results', async () => {
    const throwing = new GroupCommit<number, number>(options({ maxSize: 2 }), () => {
      throw new Error('no connection');
    });
    const thrown = [throwing.submit(1), throwing.submit(2)].map((answer) => answer.catch(String));
    await expect(Promise.all(thrown)).resolves.toEqual(['Error: no connection', 'Error: no connection']);

    const short = new GroupCommit<number, number>(options({ maxSize: 2 }), () =>
      Promise.resolve([{ status: 'fulfilled', value: 1 }]),
    );
    const answers = [short.submit(1), short.submit(2)].map((answer) => answer.catch(() => 'failed'));
    await expect(Promise.all(answers)).resolves.toEqual(['failed', 'failed']);
  });

  it('settles each item with its own result when the writer reports some as rejected', async () => {
    const { write } = recordingWriter((items) =>
      Promise.resolve(
        items.map((item): PromiseSettledResult<number> =>
          item % 2 === 0
            ? { status: 'rejected', reason: new Error(`refused ${item}`) }
            : { status: 'fulfilled', value: item },
        ),
      ),
    );
    const commit = new GroupCommit(options({ maxSize: 3 }), write);
    const answers = [1, 2, 3].map((item) => commit.submit(item).catch((error: Error) => error.message));
    await expect(Promise.all(answers)).resolves.toEqual([1, 'refused 2', 3]);
  });

  it('keeps at most maxInFlight batches in flight and sends what waited meanwhile in one batch', async () => {
    const releases: (() => void)[] = [];
    const { batches, write } = recordingWriter(
      (items) =>
        new Promise((resolve) =>
          releases.push(() => resolve(items.map((item) => ({ status: 'fulfilled', value: item })))),
        ),
    );
    const commit = new GroupCommit(options({ maxSize: 2, maxDelayMs: 1, maxInFlight: 1 }), write);
    const answers = [1, 2, 3, 4, 5].map((item) => commit.submit(item));
    expect(batches).toEqual([[1, 2]]);
    jest.advanceTimersByTime(10);
    expect(batches).toEqual([[1, 2]]);
    expect(commit.waiting).toBe(3);

    releases[0]();
    await answers[1];
    expect(batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
    releases[1]();
    await answers[3];
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
    releases[2]();
    await expect(Promise.all(answers)).resolves.toEqual([1, 2, 3, 4, 5]);
  });

  it('writes each item on its own, with no limit in flight, when maxDelayMs is 0', async () => {
    const { batches, write } = recordingWriter();
    const commit = new GroupCommit(options({ maxDelayMs: 0, maxInFlight: 1 }), write);
    await expect(Promise.all([1, 2, 3].map((item) => commit.submit(item)))).resolves.toEqual([2, 4, 6]);
    expect(batches).toEqual([[1], [2], [3]]);
  });

  it('refuses options that could never write anything', () => {
    const { write } = recordingWriter();
    expect(() => new GroupCommit(options({ maxSize: 0 }), write)).toThrow(RangeError);
    expect(() => new GroupCommit(options({ maxInFlight: 0 }), write)).toThrow(RangeError);
  });
});
