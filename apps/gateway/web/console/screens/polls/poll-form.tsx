import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PollView } from '@app/contracts/polls/poll.model';
import { POLL_ROUTES } from '@web/console/api/routes';
import { ApiFailure } from '@web/console/api/staff-api';
import { useConsole, useLoad, useTexts } from '@web/console/console-context';
import { navigate } from '@web/console/router';
import { LoadState } from '@web/console/ui/load-state';
import { ScreenTitle } from '@web/console/ui/screen-title';
import { useAction } from '@web/console/ui/use-action';
import {
  changesBody,
  createBody,
  emptyForm,
  formErrorsOf,
  formOf,
  moveOption,
  newOption,
  OPTION_LIMITS,
  type PollFormState,
  type Visibility,
} from './poll-form-model';
import { fieldMessage } from './field-messages';
import { POLLS_MESSAGES, type PollsKey } from './polls-messages';

const VISIBILITIES: ReadonlyArray<{ value: Visibility; label: PollsKey }> = [
  { value: 'always', label: 'visibilityAlways' },
  { value: 'after_vote', label: 'visibilityAfterVote' },
  { value: 'after_close', label: 'visibilityAfterClose' },
];

/** `/polls/new`: an empty form. */
export function NewPollScreen() {
  return <PollForm poll={null} />;
}

/** `/polls/:id/edit`: the form filled with the poll as it is now. */
export function EditPollScreen({ id }: { id: string }) {
  const { api } = useConsole();
  const loaded = useLoad(() => api.call<PollView>(POLL_ROUTES.get, { params: { id } }), [id]);
  return <LoadState loaded={loaded}>{(poll) => <PollForm poll={poll} />}</LoadState>;
}

/**
 * Creating or editing a poll. The server judges every field; its refusals are shown at the fields they
 * name, and anything it names that the form has no field for is shown above the buttons.
 */
function PollForm({ poll }: { poll: PollView | null }) {
  const { api, locale } = useConsole();
  const t = useTexts(POLLS_MESSAGES);
  const before = useMemo(() => (poll ? formOf(poll) : emptyForm()), [poll]);
  const [form, setForm] = useState<PollFormState>(before);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  // Where the keyboard goes after an option is moved, added or removed: the buttons it was on are
  // re-rendered elsewhere or gone, and the focus must not fall back to the page's start.
  const [focusNext, setFocusNext] = useState<string[] | null>(null);
  useEffect(() => {
    if (!focusNext) return;
    setFocusNext(null);
    for (const id of focusNext) {
      const target = document.getElementById(id) as HTMLInputElement | HTMLButtonElement | null;
      if (target && !target.disabled) {
        target.focus();
        return;
      }
    }
  }, [focusNext]);
  const { busy, run } = useAction();
  const locked = !!poll && (poll.totalVotes ?? 0) > 0;

  /** A changed field loses its refusal; a changed list of options loses all of theirs (they go by index). */
  const update = (changes: Partial<PollFormState>, touched: string[] = Object.keys(changes)) => {
    setForm((current) => ({ ...current, ...changes }));
    setErrors((current) => {
      const kept = Object.entries(current).filter(
        ([field]) =>
          !touched.some((name) => field === name || (name === 'options' && field.startsWith('options.'))),
      );
      return kept.length === Object.keys(current).length ? current : Object.fromEntries(kept);
    });
  };
  const setOption = (index: number, text: string) =>
    update({ options: form.options.map((option, i) => (i === index ? { ...option, text } : option)) }, [
      `options.${index}`,
    ]);

  async function save(event: Event) {
    event.preventDefault();
    setErrors({});
    setFailure(null);
    let saved: PollView | null = null;
    const ok = await run(
      async () => {
        try {
          saved = poll
            ? await api.call<PollView>(POLL_ROUTES.update, {
                params: { id: poll.id },
                body: changesBody(form, before),
              })
            : await api.call<PollView>(POLL_ROUTES.create, { body: createBody(form) });
        } catch (error) {
          if (error instanceof ApiFailure) {
            const fields = Object.fromEntries(
              Object.entries(formErrorsOf(error.fieldErrors())).map(([field, message]) => [
                field,
                fieldMessage(message, locale),
              ]),
            );
            setErrors(fields);
            const unplaced = Object.entries(fields).filter(([field]) => !isFormField(field, form));
            setFailure(
              unplaced.length > 0
                ? unplaced.map(([field, message]) => `${field}: ${message}`).join(' ')
                : Object.keys(fields).length > 0
                  ? t('formInvalid')
                  : error.message,
            );
          }
          throw error;
        }
      },
      t(poll ? 'saved' : 'created'),
    );
    if (ok && saved) navigate(`/polls/${(saved as PollView).id}`);
  }

  const cancelTo = poll ? `/polls/${poll.id}` : '/polls';
  return (
    <section class="polls">
      <ScreenTitle>{t(poll ? 'editTitle' : 'createTitle')}</ScreenTitle>
      <form class="poll-form card" noValidate onSubmit={(event) => void save(event)}>
        <Field name="question" label={t('question')} error={errors.question}>
          {(describedBy) => (
            <input
              id="poll-question"
              name="question"
              required
              maxLength={300}
              value={form.question}
              aria-invalid={errors.question ? 'true' : undefined}
              aria-describedby={describedBy}
              onInput={(event) => update({ question: event.currentTarget.value })}
            />
          )}
        </Field>

        <fieldset class="poll-options" aria-describedby="poll-options-hint">
          <legend>{t('optionsLegend')}</legend>
          <p id="poll-options-hint" class="muted">
            {locked ? t('optionsLocked') : t('optionsLimits', OPTION_LIMITS)}
          </p>
          {errors.options ? (
            <p class="field-error" role="alert">
              {errors.options}
            </p>
          ) : null}
          <ol class="poll-option-list">
            {form.options.map((option, index) => {
              const n = index + 1;
              const error = errors[`options.${index}`];
              const inputId = `poll-${option.key}`;
              return (
                <li key={option.key} class="poll-option-row">
                  <label for={inputId} class="poll-option-label">
                    {t('optionLabel', { n })}
                  </label>
                  <div class="poll-option-edit">
                    <input
                      id={inputId}
                      name={`options.${index}`}
                      value={option.text}
                      maxLength={200}
                      aria-invalid={error ? 'true' : undefined}
                      aria-describedby={error ? `${inputId}-error` : undefined}
                      onInput={(event) => setOption(index, event.currentTarget.value)}
                    />
                    <button
                      type="button"
                      class="icon-button"
                      aria-label={t('moveUp', { n })}
                      title={t('moveUp', { n })}
                      disabled={index === 0}
                      id={`${inputId}-up`}
                      onClick={() => {
                        update({ options: moveOption(form.options, index, -1) });
                        setFocusNext([`${inputId}-up`, `${inputId}-down`, inputId]);
                      }}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      class="icon-button"
                      aria-label={t('moveDown', { n })}
                      title={t('moveDown', { n })}
                      disabled={index === form.options.length - 1}
                      id={`${inputId}-down`}
                      onClick={() => {
                        update({ options: moveOption(form.options, index, 1) });
                        setFocusNext([`${inputId}-down`, `${inputId}-up`, inputId]);
                      }}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      class="icon-button danger"
                      aria-label={t('removeOption', { n })}
                      title={t('removeOption', { n })}
                      disabled={form.options.length <= OPTION_LIMITS.min || (locked && option.id !== null)}
                      onClick={() => {
                        const neighbour = form.options[index + 1] ?? form.options[index - 1];
                        update({ options: form.options.filter((_, i) => i !== index) });
                        setFocusNext([`poll-${neighbour.key}`]);
                      }}
                    >
                      ×
                    </button>
                  </div>
                  {error ? (
                    <span id={`${inputId}-error`} class="field-error">
                      {error}
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ol>
          <button
            type="button"
            disabled={form.options.length >= OPTION_LIMITS.max}
            onClick={() => {
              const added = newOption();
              update({ options: [...form.options, added] });
              setFocusNext([`poll-${added.key}`]);
            }}
          >
            + {t('addOption')}
          </button>
        </fieldset>

        <fieldset class="poll-choice">
          <legend>{t('choiceLegend')}</legend>
          <label class="inline">
            <input
              type="radio"
              name="choice"
              checked={!form.multipleChoice}
              onChange={() => update({ multipleChoice: false })}
            />
            {t('singleChoice')}
          </label>
          <label class="inline">
            <input
              type="radio"
              name="choice"
              checked={form.multipleChoice}
              onChange={() => update({ multipleChoice: true })}
            />
            {t('multipleChoice')}
          </label>
          {form.multipleChoice || errors.maxChoices ? (
            <Field name="maxChoices" label={t('maxChoices')} error={errors.maxChoices}>
              {(describedBy) => (
                <input
                  id="poll-maxChoices"
                  name="maxChoices"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={form.options.length}
                  value={form.maxChoices}
                  aria-invalid={errors.maxChoices ? 'true' : undefined}
                  aria-describedby={describedBy}
                  onInput={(event) => update({ maxChoices: event.currentTarget.value })}
                />
              )}
            </Field>
          ) : null}
        </fieldset>

        <div class="poll-form-grid">
          <Field name="opensAt" label={t('opensAt')} hint={t('opensAtHint')} error={errors.opensAt}>
            {(describedBy) => (
              <input
                id="poll-opensAt"
                name="opensAt"
                type="datetime-local"
                value={form.opensAt}
                aria-invalid={errors.opensAt ? 'true' : undefined}
                aria-describedby={describedBy}
                onInput={(event) => update({ opensAt: event.currentTarget.value })}
              />
            )}
          </Field>
          <Field name="closesAt" label={t('closesAt')} hint={t('closesAtHint')} error={errors.closesAt}>
            {(describedBy) => (
              <input
                id="poll-closesAt"
                name="closesAt"
                type="datetime-local"
                value={form.closesAt}
                aria-invalid={errors.closesAt ? 'true' : undefined}
                aria-describedby={describedBy}
                onInput={(event) => update({ closesAt: event.currentTarget.value })}
              />
            )}
          </Field>
          <Field name="resultsVisibility" label={t('visibility')} error={errors.resultsVisibility}>
            {(describedBy) => (
              <select
                id="poll-resultsVisibility"
                name="resultsVisibility"
                value={form.resultsVisibility}
                aria-describedby={describedBy}
                onChange={(event) => update({ resultsVisibility: event.currentTarget.value as Visibility })}
              >
                {VISIBILITIES.map((visibility) => (
                  <option key={visibility.value} value={visibility.value}>
                    {t(visibility.label)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="placement" label={t('placement')} hint={t('placementHint')} error={errors.placement}>
            {(describedBy) => (
              <input
                id="poll-placement"
                name="placement"
                value={form.placement}
                maxLength={64}
                autoComplete="off"
                spellcheck={false}
                aria-invalid={errors.placement ? 'true' : undefined}
                aria-describedby={describedBy}
                onInput={(event) => update({ placement: event.currentTarget.value })}
              />
            )}
          </Field>
          <Field name="articleId" label={t('articleId')} error={errors.articleId}>
            {(describedBy) => (
              <input
                id="poll-articleId"
                name="articleId"
                value={form.articleId}
                maxLength={128}
                autoComplete="off"
                spellcheck={false}
                aria-invalid={errors.articleId ? 'true' : undefined}
                aria-describedby={describedBy}
                onInput={(event) => update({ articleId: event.currentTarget.value })}
              />
            )}
          </Field>
        </div>

        {/* "Correct the marked fields" goes once the marks are gone. */}
        {failure && (failure !== t('formInvalid') || Object.keys(errors).length > 0) ? (
          <p class="form-failure" role="alert">
            {failure}
          </p>
        ) : null}
        <div class="row">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('saving') : t('save')}
          </button>
          <button type="button" onClick={() => navigate(cancelTo)}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The fields the form shows, so that an error for any other name is shown above the buttons. */
function isFormField(field: string, form: PollFormState): boolean {
  if (field === 'options') return true;
  if (field.startsWith('options.')) return Number(field.slice(8)) < form.options.length;
  return [
    'question',
    'maxChoices',
    'opensAt',
    'closesAt',
    'resultsVisibility',
    'placement',
    'articleId',
  ].includes(field);
}

/** A labelled field with its hint and the server's message for it, both tied to the input. */
function Field({
  name,
  label,
  hint,
  error,
  children,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  children: (describedBy: string | undefined) => ComponentChildren;
}) {
  const hintId = hint ? `poll-${name}-hint` : null;
  const errorId = error ? `poll-${name}-error` : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class="poll-field">
      <label for={`poll-${name}`}>{label}</label>
      {children(describedBy)}
      {hint ? (
        <span id={hintId!} class="muted poll-hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={errorId!} class="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
