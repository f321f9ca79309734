import { PollDraft, ValidationFailedError } from '@app/contracts';
import { applyChanges, settleDraft } from './poll-draft.rules';
import { OptionsLockedError } from './poll.errors';
import type { PollDefinition } from './poll-definition';

const NOW = new Date('2030-05-01T10:00:00.000Z');

const draft = (overrides: Partial<PollDraft> = {}): PollDraft =>
  Object.assign(
    new PollDraft(),
    { question: 'Куда поехать летом?', options: ['Иссык-Куль', 'Ала-Арча'] },
    overrides,
  );

const fields = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationFailedError) return (error.errors ?? []).map((e) => e.field);
    throw error;
  }
  throw new Error('expected a ValidationFailedError');
};

const existing = (overrides: Partial<PollDefinition> = {}): PollDefinition => ({
  id: 'p1',
  question: 'Как вы добираетесь до работы?',
  multipleChoice: false,
  maxChoices: 1,
  opensAt: '2030-04-01T00:00:00.000Z',
  closesAt: null,
  resultsVisibility: 'always',
  placement: 'sidebar',
  articleId: null,
  createdAt: '2030-04-01T00:00:00.000Z',
  options: [
    { id: 'o1', text: 'Автобус' },
    { id: 'o2', text: 'Метро' },
    { id: 'o3', text: 'Пешком' },
  ],
  ...overrides,
});

describe('settleDraft', () => {
  it('applies the defaults: single choice, open now, visible results, sidebar', () => {
    const { settings, options } = settleDraft(draft({ options: ['  Иссык-Куль ', 'Ала-Арча'] }), NOW);
    expect(settings).toMatchObject({
      multipleChoice: false,
      maxChoices: 1,
      opensAt: NOW,
      closesAt: null,
      resultsVisibility: 'always',
      placement: 'sidebar',
      articleId: null,
    });
    expect(options).toEqual(['Иссык-Куль', 'Ала-Арча']);
  });

  it('lets a multiple-choice poll pick every option unless maxChoices says otherwise', () => {
    expect(settleDraft(draft({ multipleChoice: true }), NOW).settings.maxChoices).toBe(2);
    const three = draft({ multipleChoice: true, maxChoices: 2, options: ['a', 'b', 'c'] });
    expect(settleDraft(three, NOW).settings.maxChoices).toBe(2);
  });

  it('refuses closesAt not after opensAt', () => {
    const at = '2030-06-01T00:00:00.000Z';
    expect(fields(() => settleDraft(draft({ opensAt: at, closesAt: at }), NOW))).toEqual(['closesAt']);
  });

  it('refuses maxChoices above the number of options', () => {
    expect(fields(() => settleDraft(draft({ multipleChoice: true, maxChoices: 3 }), NOW))).toEqual([
      'maxChoices',
    ]);
  });

  it('refuses maxChoices on a single-choice poll', () => {
    expect(fields(() => settleDraft(draft({ maxChoices: 2 }), NOW))).toEqual(['maxChoices']);
  });

  it('refuses options that are the same after trimming', () => {
    expect(fields(() => settleDraft(draft({ options: ['Нарын', ' нарын  ', 'Ош'] }), NOW))).toEqual([
      'options.1',
    ]);
  });

  it('reports every broken rule at once', () => {
    const bad = draft({ options: ['x', 'x'], closesAt: '2020-01-01T00:00:00Z', maxChoices: 2 });
    expect(fields(() => settleDraft(bad, NOW)).sort()).toEqual(['closesAt', 'maxChoices', 'options.1']);
  });
});

describe('applyChanges', () => {
  it('renames, moves and adds options while keeping ids', () => {
    const { plan } = applyChanges(
      existing(),
      {
        options: [
          { id: 'o3', text: 'Пешком или на велосипеде' },
          { id: 'o1', text: 'Автобус' },
          { id: 'o2', text: 'Метро' },
          { text: 'Такси' },
        ],
      },
      true,
    );
    expect(plan.options).toEqual([
      { id: 'o3', text: 'Пешком или на велосипеде' },
      { id: 'o1', text: 'Автобус' },
      { id: 'o2', text: 'Метро' },
      { id: null, text: 'Такси' },
    ]);
    expect(plan.removed).toEqual([]);
  });

  it('removes a left-out option while there are no votes', () => {
    const { plan } = applyChanges(
      existing(),
      {
        options: [
          { id: 'o1', text: 'Автобус' },
          { id: 'o2', text: 'Метро' },
        ],
      },
      false,
    );
    expect(plan.removed).toEqual(['o3']);
  });

  it('refuses to remove an option once votes exist', () => {
    expect(() =>
      applyChanges(
        existing(),
        {
          options: [
            { id: 'o1', text: 'Автобус' },
            { id: 'o2', text: 'Метро' },
          ],
        },
        true,
      ),
    ).toThrow(OptionsLockedError);
  });

  it('refuses an option id of another poll', () => {
    expect(
      fields(() => applyChanges(existing(), { options: [{ id: 'zz', text: 'a' }, { text: 'b' }] }, false)),
    ).toEqual(['options.0.id']);
  });

  it('keeps what the changes leave out and checks the merged dates', () => {
    const { settings } = applyChanges(existing(), { question: 'Новый вопрос' }, true);
    expect(settings.question).toBe('Новый вопрос');
    expect(settings.opensAt).toEqual(new Date('2030-04-01T00:00:00.000Z'));
    expect(fields(() => applyChanges(existing(), { closesAt: '2030-03-01T00:00:00.000Z' }, true))).toEqual([
      'closesAt',
    ]);
  });

  it('turning multiple choice off brings maxChoices back to one', () => {
    const multiple = existing({ multipleChoice: true, maxChoices: 3 });
    expect(applyChanges(multiple, { multipleChoice: false }, false).settings.maxChoices).toBe(1);
  });
});
