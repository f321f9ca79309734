import { useState } from 'preact/hooks';
import type { CommentSettingsView, ModerationMode } from '@app/contracts/comments/comment.model';
import { COMMENT_ROUTES } from '@web/console/api/routes';
import { ApiFailure } from '@web/console/api/staff-api';
import { useConsole, useTexts } from '@web/console/console-context';
import { useAction } from '@web/console/ui/use-action';
import { COMMENTS_MESSAGES } from './comments-messages';

type NumberField = 'maxLinks' | 'editWindowMinutes' | 'autoCloseDays' | 'flagThreshold';

const NUMBER_FIELDS: ReadonlyArray<{ name: NumberField; min: number }> = [
  { name: 'maxLinks', min: 0 },
  { name: 'editWindowMinutes', min: 0 },
  { name: 'autoCloseDays', min: 0 },
  { name: 'flagThreshold', min: 1 },
];

/** One word a line; blank lines and repeats dropped, as the API refuses repeats. */
export function wordsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  ];
}

/** The site's moderation rules, as the API has them; the server's refusals show at their fields. */
export function SiteSettingsForm({ initial }: { initial: CommentSettingsView }) {
  const t = useTexts(COMMENTS_MESSAGES);
  const { api } = useConsole();
  const { busy, run } = useAction();
  const [mode, setMode] = useState<ModerationMode>(initial.mode);
  const [banned, setBanned] = useState(initial.bannedWords.join('\n'));
  const [suspect, setSuspect] = useState(initial.suspectWords.join('\n'));
  const [numbers, setNumbers] = useState<Record<NumberField, string>>({
    maxLinks: String(initial.maxLinks),
    editWindowMinutes: String(initial.editWindowMinutes),
    autoCloseDays: String(initial.autoCloseDays),
    flagThreshold: String(initial.flagThreshold),
  });
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function save(event: Event) {
    event.preventDefault();
    setErrors({});
    await run(async () => {
      try {
        const saved = await api.call<CommentSettingsView>(COMMENT_ROUTES.updateSettings, {
          body: {
            mode,
            bannedWords: wordsOf(banned),
            suspectWords: wordsOf(suspect),
            ...Object.fromEntries(NUMBER_FIELDS.map(({ name }) => [name, Number(numbers[name])])),
          },
        });
        setBanned(saved.bannedWords.join('\n'));
        setSuspect(saved.suspectWords.join('\n'));
      } catch (error) {
        if (error instanceof ApiFailure) setErrors(error.fieldErrors());
        throw error;
      }
    }, t('saved'));
  }

  const errorOf = (field: string) => {
    const message = Object.entries(errors).find(([name]) => name === field || name.startsWith(field + '.'));
    return message ? (
      <span class="field-error" id={`${field}-error`}>
        {message[1]}
      </span>
    ) : null;
  };
  const describedBy = (field: string) =>
    Object.keys(errors).some((name) => name === field || name.startsWith(field + '.'))
      ? `${field}-error`
      : undefined;

  return (
    <form class="stack settings-form" onSubmit={(event) => void save(event)}>
      <fieldset>
        <legend>{t('mode')}</legend>
        {(['pre', 'post'] as const).map((value) => (
          <label key={value} class="inline">
            <input
              type="radio"
              name="mode"
              value={value}
              checked={mode === value}
              onChange={() => setMode(value)}
            />
            {t(value === 'pre' ? 'modePre' : 'modePost')}
          </label>
        ))}
        {errorOf('mode')}
      </fieldset>
      <p class="muted" id="words-hint">
        {t('wordsHint')}
      </p>
      <div class="settings-words">
        <label>
          {t('bannedWords')}
          <textarea
            name="bannedWords"
            rows={6}
            value={banned}
            aria-describedby={describedBy('bannedWords') ?? 'words-hint'}
            onInput={(event) => setBanned(event.currentTarget.value)}
          />
          {errorOf('bannedWords')}
        </label>
        <label>
          {t('suspectWords')}
          <textarea
            name="suspectWords"
            rows={6}
            value={suspect}
            aria-describedby={describedBy('suspectWords') ?? 'words-hint'}
            onInput={(event) => setSuspect(event.currentTarget.value)}
          />
          {errorOf('suspectWords')}
        </label>
      </div>
      <div class="settings-numbers">
        {NUMBER_FIELDS.map(({ name, min }) => (
          <label key={name}>
            {t(name)}
            {name === 'autoCloseDays' ? <span class="muted field-hint">{t('autoCloseHint')}</span> : null}
            <input
              type="number"
              name={name}
              min={min}
              step={1}
              required
              value={numbers[name]}
              aria-describedby={describedBy(name)}
              onInput={(event) => {
                const value = event.currentTarget.value;
                setNumbers((current) => ({ ...current, [name]: value }));
              }}
            />
            {errorOf(name)}
          </label>
        ))}
      </div>
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          {t('save')}
        </button>
      </div>
    </form>
  );
}
