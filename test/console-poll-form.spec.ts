import {
  changesBody,
  createBody,
  emptyForm,
  formErrorsOf,
  formOf,
  isoOfLocalInput,
  localInputOf,
  moveOption,
  newOption,
  type EditablePoll,
} from '../apps/gateway/web/console/screens/polls/poll-form-model';
import { fieldMessage } from '../apps/gateway/web/console/screens/polls/field-messages';

/** The console's poll form: what it sends the API for a new poll and for an edit, and where refusals go. */
describe("the console's poll form model", () => {
  const poll: EditablePoll = {
    question: 'Где поставить новую остановку?',
    multipleChoice: false,
    maxChoices: 1,
    opensAt: '2026-11-30T09:15:42.123Z',
    closesAt: null,
    resultsVisibility: 'always',
    placement: 'sidebar',
    articleId: null,
    totalVotes: 4,
    options: [
      { id: 'a1', text: 'У рынка' },
      { id: 'b2', text: 'У школы' },
    ],
  };

  it('leaves what the editor left empty out of a new poll, so the server applies its defaults', () => {
    const form = { ...emptyForm(), question: 'Вопрос?' };
    form.options = [newOption('Да'), newOption('Нет')];
    expect(createBody(form)).toEqual({
      question: 'Вопрос?',
      options: ['Да', 'Нет'],
      multipleChoice: false,
      resultsVisibility: 'always',
      placement: 'sidebar',
    });
    const multiple = {
      ...form,
      multipleChoice: true,
      maxChoices: '2',
      articleId: ' story-7 ',
      closesAt: '2026-12-01T10:00',
    };
    expect(createBody(multiple)).toMatchObject({
      multipleChoice: true,
      maxChoices: 2,
      articleId: 'story-7',
      closesAt: new Date('2026-12-01T10:00').toISOString(),
    });
    // A cap typed on a single-choice poll is not sent; one that is no number goes as typed, for the server to name.
    expect(createBody({ ...form, maxChoices: '3' })).not.toHaveProperty('maxChoices');
    expect(createBody({ ...form, multipleChoice: true, maxChoices: '2.5' }).maxChoices).toBe('2.5');
  });

  it('sends only what changed in an edit, and never moves a date the editor did not touch', () => {
    const before = formOf(poll);
    expect(changesBody(before, before)).toEqual({});
    expect(changesBody({ ...before, question: 'Новый вопрос' }, before)).toEqual({
      question: 'Новый вопрос',
    });

    const reordered = { ...before, options: moveOption(before.options, 1, -1) };
    expect(changesBody(reordered, before)).toEqual({
      options: [
        { id: 'b2', text: 'У школы' },
        { id: 'a1', text: 'У рынка' },
      ],
    });
    const added = { ...before, multipleChoice: true, options: [...before.options, newOption('У парка')] };
    expect(changesBody(added, before)).toEqual({
      multipleChoice: true,
      maxChoices: 3,
      options: [{ id: 'a1', text: 'У рынка' }, { id: 'b2', text: 'У школы' }, { text: 'У парка' }],
    });
    expect(changesBody({ ...before, closesAt: '2026-12-24T18:00' }, before)).toEqual({
      closesAt: new Date('2026-12-24T18:00').toISOString(),
    });
    const closing = { ...before, closesAt: '2026-12-24T18:00' };
    expect(changesBody({ ...closing, closesAt: '' }, closing)).toEqual({ closesAt: null });
    expect(changesBody({ ...before, articleId: 'x' }, { ...before, articleId: '' })).toEqual({
      articleId: 'x',
    });
    expect(changesBody({ ...before, articleId: '' }, { ...before, articleId: 'x' })).toEqual({
      articleId: null,
    });
  });

  it('shows dates in the local time zone to the minute, and reads them back', () => {
    const local = localInputOf(poll.opensAt);
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(isoOfLocalInput(local)).toBe('2026-11-30T09:15:00.000Z');
    expect(isoOfLocalInput('')).toBeNull();
    expect(isoOfLocalInput('not a date')).toBeNull();
  });

  it("puts the server's refusals at the fields they name, an option's at that option", () => {
    expect(
      formErrorsOf({
        question: 'must not be blank',
        'options.2': 'Repeats option 1.',
        'options.1.text': 'too long',
        'options.0.id': 'Not an option of this poll.',
        options: 'at least 2',
      }),
    ).toEqual({
      question: 'must not be blank',
      'options.2': 'Repeats option 1.',
      'options.1': 'too long',
      'options.0': 'Not an option of this poll.',
      options: 'at least 2',
    });
  });

  it('moves an option up or down, and not past either end', () => {
    const options = [newOption('a'), newOption('b'), newOption('c')];
    expect(moveOption(options, 2, -1).map((o) => o.text)).toEqual(['a', 'c', 'b']);
    expect(moveOption(options, 0, 1).map((o) => o.text)).toEqual(['b', 'a', 'c']);
    expect(moveOption(options, 0, -1).map((o) => o.text)).toEqual(['a', 'b', 'c']);
    expect(moveOption(options, 2, 1).map((o) => o.text)).toEqual(['a', 'b', 'c']);
  });

  it("says the poll rules' field messages in Russian, and any other message as the server wrote it", () => {
    expect(fieldMessage('Repeats option 1.', 'ru')).toBe('Повторяет вариант 1.');
    expect(fieldMessage('closesAt must be after opensAt.', 'ru')).toBe('Окончание должно быть позже начала.');
    expect(fieldMessage('each value in options must be shorter than or equal to 200 characters', 'ru')).toBe(
      'Не длиннее 200 символов.',
    );
    expect(fieldMessage('placement must match /^[a-z0-9_-]{1,64}$/ regular expression', 'ru')).toBe(
      'Недопустимые символы.',
    );
    expect(fieldMessage('Something new.', 'ru')).toBe('Something new.');
    expect(fieldMessage('Repeats option 1.', 'en')).toBe('Repeats option 1.');
  });
});
