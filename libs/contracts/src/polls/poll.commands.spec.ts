import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { PageQuery } from '../common/page';
import { POLL_LIMITS, PollDraft, VoteBallot } from './poll.commands';

function fieldsWithErrors<T extends object>(type: new () => T, plain: object): string[] {
  return validateSync(plainToInstance(type, plain), { whitelist: true, forbidNonWhitelisted: true }).map(
    (error) => error.property,
  );
}

const options = (count: number) => Array.from({ length: count }, (_, index) => `Вариант ${index + 1}`);
const uuid = (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;

describe('poll contract limits', () => {
  it('takes 2 to 20 options and refuses 1 or 21', () => {
    expect(fieldsWithErrors(PollDraft, { question: 'Q', options: options(2) })).toEqual([]);
    expect(fieldsWithErrors(PollDraft, { question: 'Q', options: options(POLL_LIMITS.maxOptions) })).toEqual(
      [],
    );
    expect(fieldsWithErrors(PollDraft, { question: 'Q', options: options(1) })).toEqual(['options']);
    expect(
      fieldsWithErrors(PollDraft, { question: 'Q', options: options(POLL_LIMITS.maxOptions + 1) }),
    ).toEqual(['options']);
  });

  it('takes a question and option texts up to their lengths and not one character more', () => {
    const question = 'в'.repeat(POLL_LIMITS.questionMaxLength);
    const text = 'о'.repeat(POLL_LIMITS.optionMaxLength);
    expect(fieldsWithErrors(PollDraft, { question, options: [text, 'b'] })).toEqual([]);
    expect(
      fieldsWithErrors(PollDraft, { question: `${question}в`, options: [`${text}о`, 'b'] }).sort(),
    ).toEqual(['options', 'question']);
    expect(fieldsWithErrors(PollDraft, { question: '', options: ['', 'b'] }).sort()).toEqual([
      'options',
      'question',
    ]);
  });

  it('takes a ballot of 1 to 20 distinct option ids', () => {
    expect(fieldsWithErrors(VoteBallot, { optionIds: [uuid(1)] })).toEqual([]);
    expect(
      fieldsWithErrors(VoteBallot, { optionIds: Array.from({ length: 20 }, (_, i) => uuid(i)) }),
    ).toEqual([]);
    expect(
      fieldsWithErrors(VoteBallot, { optionIds: Array.from({ length: 21 }, (_, i) => uuid(i)) }),
    ).toEqual(['optionIds']);
    expect(fieldsWithErrors(VoteBallot, { optionIds: [] })).toEqual(['optionIds']);
    expect(fieldsWithErrors(VoteBallot, { optionIds: [uuid(1), uuid(1)] })).toEqual(['optionIds']);
  });

  it('pages with a limit of 1 to 100', () => {
    expect(fieldsWithErrors(PageQuery, { limit: '1' })).toEqual([]);
    expect(fieldsWithErrors(PageQuery, { limit: '100' })).toEqual([]);
    expect(fieldsWithErrors(PageQuery, { limit: '0' })).toEqual(['limit']);
    expect(fieldsWithErrors(PageQuery, { limit: '101' })).toEqual(['limit']);
  });
});
