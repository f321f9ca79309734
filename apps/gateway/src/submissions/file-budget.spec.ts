import { FileBudget } from './file-budget';
import { FileLimitError } from './submission.errors';

const limits = { maxFileBytes: 10, maxTotalBytes: 25, maxFiles: 3 };

function refusal(act: () => void): FileLimitError {
  try {
    act();
  } catch (error) {
    if (error instanceof FileLimitError) return error;
    throw error;
  }
  throw new Error('no refusal');
}

describe('FileBudget', () => {
  it('lets a file of exactly the limit pass and refuses the byte after it, naming the file', () => {
    const budget = new FileBudget(limits);
    budget.startFile('a.jpg');
    budget.add('a.jpg', 6);
    budget.add('a.jpg', 4);
    const error = refusal(() => budget.add('a.jpg', 1));
    expect(error.status).toBe(413);
    expect(error.code).toBe('file_too_large');
    expect(error.message).toContain('"a.jpg"');
    expect(error.errors).toEqual([{ field: 'files', message: 'file "a.jpg" is larger than 10 bytes' }]);
  });

  it('refuses the byte that takes the submission past its total', () => {
    const budget = new FileBudget(limits);
    for (const name of ['a', 'b']) {
      budget.startFile(name);
      budget.add(name, 10);
    }
    budget.startFile('c');
    budget.add('c', 5);
    expect(budget.receivedBytes).toBe(25);
    expect(refusal(() => budget.add('c', 1)).code).toBe('submission_too_large');
  });

  it('refuses one file more than allowed as it starts', () => {
    const budget = new FileBudget(limits);
    for (const name of ['a', 'b', 'c']) budget.startFile(name);
    const error = refusal(() => budget.startFile('d.png'));
    expect(error.code).toBe('too_many_files');
    expect(error.message).toContain('"d.png"');
  });
});
