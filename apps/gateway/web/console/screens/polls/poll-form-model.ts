/**
 * The poll form's state and how it becomes the API's bodies, with no framework in it: the create body
 * (`PollDraft`), the PATCH body (`PollChanges`, only what the editor changed), the dates between the
 * form's local `datetime-local` values and the API's ISO instants, and the server's field names mapped
 * onto the form's fields.
 */

export type Visibility = 'always' | 'after_vote' | 'after_close';

/** What the form needs of a poll the API returned. */
export interface EditablePoll {
  question: string;
  multipleChoice: boolean;
  maxChoices: number;
  opensAt: string;
  closesAt: string | null;
  resultsVisibility: Visibility;
  placement: string;
  articleId: string | null;
  totalVotes: number | null;
  options: ReadonlyArray<{ id: string; text: string }>;
}

export interface FormOption {
  /** Stable across reorders, for the list's keys and the inputs' ids. */
  key: string;
  /** The option's id once it exists on the server; null for one added in the form. */
  id: string | null;
  text: string;
}

export interface PollFormState {
  question: string;
  options: FormOption[];
  multipleChoice: boolean;
  /** Empty: as many as there are options. */
  maxChoices: string;
  /** `datetime-local` values in the editor's own time zone; empty means "not set". */
  opensAt: string;
  closesAt: string;
  resultsVisibility: Visibility;
  placement: string;
  articleId: string;
}

export const OPTION_LIMITS = { min: 2, max: 20 } as const;

let keys = 0;
const nextKey = (): string => `option-${++keys}`;

export function newOption(text = '', id: string | null = null): FormOption {
  return { key: nextKey(), id, text };
}

export function emptyForm(): PollFormState {
  return {
    question: '',
    options: [newOption(), newOption()],
    multipleChoice: false,
    maxChoices: '',
    opensAt: '',
    closesAt: '',
    resultsVisibility: 'always',
    placement: 'sidebar',
    articleId: '',
  };
}

export function formOf(poll: EditablePoll): PollFormState {
  return {
    question: poll.question,
    options: poll.options.map((option) => newOption(option.text, option.id)),
    multipleChoice: poll.multipleChoice,
    maxChoices: poll.multipleChoice && poll.maxChoices < poll.options.length ? String(poll.maxChoices) : '',
    opensAt: localInputOf(poll.opensAt),
    closesAt: poll.closesAt ? localInputOf(poll.closesAt) : '',
    resultsVisibility: poll.resultsVisibility,
    placement: poll.placement,
    articleId: poll.articleId ?? '',
  };
}

/** An ISO instant as a `datetime-local` value in this browser's time zone (minutes precision). */
export function localInputOf(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}` +
    `T${two(at.getHours())}:${two(at.getMinutes())}`
  );
}

/** A `datetime-local` value (this browser's time zone) as an ISO instant; null when empty or unreadable. */
export function isoOfLocalInput(value: string): string | null {
  if (!value) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

export function moveOption(options: readonly FormOption[], index: number, by: -1 | 1): FormOption[] {
  const target = index + by;
  if (target < 0 || target >= options.length) return [...options];
  const moved = [...options];
  [moved[index], moved[target]] = [moved[target], moved[index]];
  return moved;
}

function maxChoicesOf(form: PollFormState): number | string | undefined {
  const text = form.maxChoices.trim();
  if (!form.multipleChoice || text === '') return undefined;
  // What is not a whole number goes to the server as typed: its refusal names the field.
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** Body of `POST /api/v1/polls`: what is left empty is left out, so the server's defaults apply. */
export function createBody(form: PollFormState): Record<string, unknown> {
  const body: Record<string, unknown> = {
    question: form.question,
    options: form.options.map((option) => option.text),
    multipleChoice: form.multipleChoice,
    resultsVisibility: form.resultsVisibility,
    placement: form.placement.trim(),
  };
  const maxChoices = maxChoicesOf(form);
  if (maxChoices !== undefined) body.maxChoices = maxChoices;
  const opensAt = isoOfLocalInput(form.opensAt);
  if (opensAt) body.opensAt = opensAt;
  const closesAt = isoOfLocalInput(form.closesAt);
  if (closesAt) body.closesAt = closesAt;
  if (form.articleId.trim()) body.articleId = form.articleId.trim();
  return body;
}

/**
 * Body of `PATCH /api/v1/polls/:id`: only what differs from `before`. A date the editor did not touch
 * is left out, since the form keeps minutes only and sending it back would move it.
 */
export function changesBody(form: PollFormState, before: PollFormState): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (form.question !== before.question) body.question = form.question;
  const sameOptions =
    form.options.length === before.options.length &&
    form.options.every(
      (option, i) => option.id === before.options[i].id && option.text === before.options[i].text,
    );
  if (!sameOptions) {
    body.options = form.options.map((option) =>
      option.id ? { id: option.id, text: option.text } : { text: option.text },
    );
  }
  if (form.multipleChoice !== before.multipleChoice) body.multipleChoice = form.multipleChoice;
  if (form.multipleChoice && (form.maxChoices !== before.maxChoices || !sameOptions)) {
    // Empty means "any number": as many as the options the poll will have.
    body.maxChoices = maxChoicesOf(form) ?? form.options.length;
  }
  if (form.opensAt !== before.opensAt && form.opensAt)
    body.opensAt = isoOfLocalInput(form.opensAt) ?? form.opensAt;
  if (form.closesAt !== before.closesAt) body.closesAt = isoOfLocalInput(form.closesAt);
  if (form.resultsVisibility !== before.resultsVisibility) body.resultsVisibility = form.resultsVisibility;
  if (form.placement !== before.placement) body.placement = form.placement.trim();
  if (form.articleId !== before.articleId) body.articleId = form.articleId.trim() || null;
  return body;
}

/**
 * The form field a server's field error belongs to: `options.2` and `options.2.text` name the third
 * option's input (`options.2`); any other name is the field of that name.
 */
export function formFieldOf(serverField: string): string {
  const option = /^options\.(\d+)(?:\.\w+)?$/.exec(serverField);
  return option ? `options.${option[1]}` : serverField;
}

/** The server's field errors keyed by the form's fields; a field keeps its first message. */
export function formErrorsOf(serverErrors: Record<string, string>): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [field, message] of Object.entries(serverErrors)) {
    const key = formFieldOf(field);
    if (!(key in found)) found[key] = message;
  }
  return found;
}
