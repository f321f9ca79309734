import { ValidationFailedError } from '@app/contracts';
import { checkBallot } from './ballot-rules';

const poll = (multipleChoice: boolean, maxChoices: number) => ({
  multipleChoice,
  maxChoices,
  options: ['a', 'b', 'c', 'd'].map((id) => ({ id, text: id.toUpperCase() })),
});

const failure = (run: () => unknown): ValidationFailedError => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationFailedError) return error;
    throw error;
  }
  throw new Error('expected a ValidationFailedError');
};

describe('checkBallot', () => {
  it('accepts one option of a single-choice poll', () => {
    expect(checkBallot(poll(false, 1), ['c'])).toEqual(['c']);
  });

  it('returns the choices of a multiple-choice ballot in the editor’s order', () => {
    expect(checkBallot(poll(true, 3), ['d', 'a', 'b'])).toEqual(['a', 'b', 'd']);
  });

  it('refuses an empty ballot', () => {
    const error = failure(() => checkBallot(poll(true, 2), []));
    expect(error.status).toBe(400);
    expect(error.errors).toEqual([{ field: 'optionIds', message: expect.any(String) }]);
  });

  it('refuses an option of another poll', () => {
    expect(failure(() => checkBallot(poll(false, 1), ['x'])).errors?.[0].field).toBe('optionIds');
  });

  it('refuses two options when the poll is single choice', () => {
    failure(() => checkBallot(poll(false, 1), ['a', 'b']));
  });

  it('refuses more than maxChoices', () => {
    failure(() => checkBallot(poll(true, 2), ['a', 'b', 'c']));
    expect(checkBallot(poll(true, 2), ['a', 'b'])).toHaveLength(2);
  });

  it('refuses the same option twice', () => {
    failure(() => checkBallot(poll(true, 4), ['a', 'a']));
  });
});
