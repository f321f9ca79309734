import type { PollChanges, PollDraft, ResultsVisibility } from '@app/contracts';
import { FieldErrors, OptionsLockedError } from './poll.errors';
import type { PollDefinition } from './poll-definition';

/** A poll's editable settings once defaults are applied and every rule holds. */
export interface PollSettings {
  question: string;
  multipleChoice: boolean;
  maxChoices: number;
  opensAt: Date;
  closesAt: Date | null;
  resultsVisibility: ResultsVisibility;
  placement: string;
  articleId: string | null;
}

/** The new list of options in order: `id` null for an option to add. */
export interface OptionPlan {
  options: { id: string | null; text: string }[];
  removed: string[];
}

export const DEFAULT_PLACEMENT = 'sidebar';

/** Options are compared as readers see them: surrounding and repeated spaces and letter case aside. */
const sameText = (text: string): string => text.trim().replace(/\s+/g, ' ').toLocaleLowerCase('ru');
const tidy = (text: string): string => text.trim().replace(/\s+/g, ' ');

function checkTexts(texts: string[], errors: FieldErrors): void {
  const seen = new Map<string, number>();
  texts.forEach((text, index) => {
    const key = sameText(text);
    if (key.length === 0) errors.add(`options.${index}`, 'An option must not be blank.');
    else if (seen.has(key)) errors.add(`options.${index}`, `Repeats option ${seen.get(key)! + 1}.`);
    else seen.set(key, index);
  });
}

function resolveMaxChoices(
  multipleChoice: boolean,
  requested: number | undefined,
  fallback: number,
  optionCount: number,
  errors: FieldErrors,
): number {
  if (!multipleChoice) {
    if (requested !== undefined && requested > 1) {
      errors.add('maxChoices', 'maxChoices applies only to multiple-choice polls.');
    }
    return 1;
  }
  if (requested !== undefined && requested > optionCount) {
    errors.add('maxChoices', `maxChoices must not exceed the number of options (${optionCount}).`);
  }
  return Math.min(requested ?? fallback, optionCount);
}

function checkDates(opensAt: Date, closesAt: Date | null, errors: FieldErrors): void {
  if (closesAt !== null && closesAt.getTime() <= opensAt.getTime()) {
    errors.add('closesAt', 'closesAt must be after opensAt.');
  }
}

/** What the decorators of `PollDraft` cannot say: rules between fields, and the defaults. */
export function settleDraft(draft: PollDraft, now: Date): { settings: PollSettings; options: string[] } {
  const errors = new FieldErrors();
  const question = tidy(draft.question);
  if (question.length === 0) errors.add('question', 'The question must not be blank.');
  checkTexts(draft.options, errors);
  const multipleChoice = draft.multipleChoice ?? false;
  const maxChoices = resolveMaxChoices(
    multipleChoice,
    draft.maxChoices,
    draft.options.length,
    draft.options.length,
    errors,
  );
  const opensAt = draft.opensAt ? new Date(draft.opensAt) : now;
  const closesAt = draft.closesAt ? new Date(draft.closesAt) : null;
  checkDates(opensAt, closesAt, errors);
  errors.throwIfAny();
  return {
    settings: {
      question,
      multipleChoice,
      maxChoices,
      opensAt,
      closesAt,
      resultsVisibility: draft.resultsVisibility ?? 'always',
      placement: draft.placement ?? DEFAULT_PLACEMENT,
      articleId: draft.articleId ?? null,
    },
    options: draft.options.map(tidy),
  };
}

/**
 * Applies a PATCH to a poll: the result must satisfy the same rules as a new draft. An option listed with
 * its id keeps its votes (and may be renamed or moved), one without an id is added, one left out is
 * removed, which is refused once the poll has votes.
 */
export function applyChanges(
  current: PollDefinition,
  changes: PollChanges,
  hasVotes: boolean,
): { settings: PollSettings; plan: OptionPlan } {
  const errors = new FieldErrors();
  const question = changes.question !== undefined ? tidy(changes.question) : current.question;
  if (question.length === 0) errors.add('question', 'The question must not be blank.');

  let plan: OptionPlan = { options: current.options.map(({ id, text }) => ({ id, text })), removed: [] };
  if (changes.options !== undefined) {
    const known = new Set(current.options.map((option) => option.id));
    const listed = new Set<string>();
    changes.options.forEach((option, index) => {
      if (option.id === undefined) return;
      if (!known.has(option.id)) errors.add(`options.${index}.id`, 'Not an option of this poll.');
      else if (listed.has(option.id)) errors.add(`options.${index}.id`, 'The option is listed twice.');
      listed.add(option.id);
    });
    checkTexts(
      changes.options.map((option) => option.text),
      errors,
    );
    plan = {
      options: changes.options.map((option) => ({ id: option.id ?? null, text: tidy(option.text) })),
      removed: current.options.filter((option) => !listed.has(option.id)).map((option) => option.id),
    };
  }

  const multipleChoice = changes.multipleChoice ?? current.multipleChoice;
  const optionCount = plan.options.length;
  const fallback = current.multipleChoice ? current.maxChoices : optionCount;
  const maxChoices = resolveMaxChoices(multipleChoice, changes.maxChoices, fallback, optionCount, errors);
  const opensAt = new Date(changes.opensAt ?? current.opensAt);
  const closesAtValue = changes.closesAt !== undefined ? changes.closesAt : current.closesAt;
  const closesAt = closesAtValue === null ? null : new Date(closesAtValue);
  checkDates(opensAt, closesAt, errors);
  errors.throwIfAny();
  if (plan.removed.length > 0 && hasVotes) throw new OptionsLockedError();

  return {
    settings: {
      question,
      multipleChoice,
      maxChoices,
      opensAt,
      closesAt,
      resultsVisibility: changes.resultsVisibility ?? current.resultsVisibility,
      placement: changes.placement ?? current.placement,
      articleId: changes.articleId !== undefined ? changes.articleId : current.articleId,
    },
    plan,
  };
}
