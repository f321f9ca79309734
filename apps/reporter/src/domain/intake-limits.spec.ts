import { IntakeBudget, IntakeLimitError } from './intake-limits';

const limits = { maxFileBytes: 100, maxTotalBytes: 250, maxFiles: 3 };

function refusal(run: () => void): IntakeLimitError {
  try {
    run();
  } catch (error) {
    if (error instanceof IntakeLimitError) return error;
    throw error;
  }
  throw new Error('expected an IntakeLimitError');
}

describe('intake budget', () => {
  it('takes a file of exactly the per-file limit and refuses one byte more, naming the file', () => {
    const budget = new IntakeBudget(limits);
    budget.startFile('a.jpg');
    budget.addBytes('a.jpg', 100, 100);
    budget.startFile('b.jpg');
    budget.addBytes('b.jpg', 60, 60);
    const error = refusal(() => budget.addBytes('b.jpg', 41, 101));
    expect(error.limit).toBe('file_size');
    expect(error.fileName).toBe('b.jpg');
    expect(error.message).toContain('"b.jpg"');
  });

  it('takes files adding up to exactly the total and refuses one byte more', () => {
    const budget = new IntakeBudget(limits);
    for (const [name, size] of [
      ['a', 100],
      ['b', 100],
    ] as const) {
      budget.startFile(name);
      budget.addBytes(name, size, size);
    }
    budget.startFile('c');
    budget.addBytes('c', 50, 50);
    expect(budget.receivedBytes).toBe(250);
    const error = refusal(() => budget.addBytes('c', 1, 51));
    expect(error.limit).toBe('total_size');
    expect(error.fileName).toBe('c');
  });

  it('takes the last allowed file and refuses one more', () => {
    const budget = new IntakeBudget(limits);
    for (const name of ['a', 'b', 'c']) budget.startFile(name);
    const error = refusal(() => budget.startFile('d'));
    expect(error.limit).toBe('file_count');
    expect(error.message).toContain('"d"');
    expect(budget.receivedFiles).toBe(3);
  });

  it('quotes a hostile name rather than printing it raw', () => {
    const budget = new IntakeBudget(limits);
    budget.startFile('evil\nname.jpg');
    expect(refusal(() => budget.addBytes('evil\nname.jpg', 101, 101)).message).toContain('"evil\\nname.jpg"');
  });
});
