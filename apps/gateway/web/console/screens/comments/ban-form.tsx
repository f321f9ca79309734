import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useConsole, useTexts } from '@web/console/console-context';
import { COMMENT_ROUTES } from '@web/console/api/routes';
import { useAction } from '@web/console/ui/use-action';
import { COMMENTS_MESSAGES } from './comments-messages';

type Term = 'day' | 'week' | 'month' | 'date' | 'forGood';

const HOURS: Partial<Record<Term, number>> = { day: 24, week: 24 * 7, month: 24 * 30 };

/**
 * Bans a comment's author from commenting, for a while or for good, with the reason on record.
 * `onDone` hears whether the ban was made (false: the moderator left the form).
 */
export function BanForm({ readerId, onDone }: { readerId: string; onDone(banned: boolean): void }) {
  const t = useTexts(COMMENTS_MESSAGES);
  const { api } = useConsole();
  const { busy, run } = useAction();
  const [reason, setReason] = useState('');
  const [term, setTerm] = useState<Term>('week');
  const [date, setDate] = useState('');
  const first = useRef<HTMLInputElement>(null);
  // Before the form is painted: a key typed as soon as it shows goes into the field, not to the queue.
  useLayoutEffect(() => first.current?.focus(), []);

  function until(): string | undefined {
    if (term === 'forGood') return undefined;
    if (term === 'date') return date ? new Date(date).toISOString() : undefined;
    return new Date(Date.now() + (HOURS[term] ?? 0) * 3600_000).toISOString();
  }

  async function submit(event: Event) {
    event.preventDefault();
    const wanted = until();
    const ok = await run(
      () =>
        api.call(COMMENT_ROUTES.ban, {
          params: { readerId },
          body: { reason: reason.trim(), until: wanted },
        }),
      wanted ? t('bannedUntil', { until: t.dateTime(wanted) }) : t('bannedForGood'),
    );
    if (ok) onDone(true);
  }

  return (
    <form
      class="inline-form"
      aria-label={t('banTitle')}
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDone(false);
      }}
    >
      <label>
        {t('banReason')}
        <input
          ref={first}
          name="ban-reason"
          required
          maxLength={500}
          value={reason}
          onInput={(event) => setReason(event.currentTarget.value)}
        />
      </label>
      <div class="row">
        <label>
          {t('banFor')}
          <select value={term} onChange={(event) => setTerm(event.currentTarget.value as Term)}>
            <option value="day">{t('banDay')}</option>
            <option value="week">{t('banWeek')}</option>
            <option value="month">{t('banMonth')}</option>
            <option value="date">{t('banUntilDate')}</option>
            <option value="forGood">{t('banForGood')}</option>
          </select>
        </label>
        {term === 'date' ? (
          <label>
            {t('banUntil')}
            <input
              type="datetime-local"
              required
              value={date}
              onInput={(event) => setDate(event.currentTarget.value)}
            />
          </label>
        ) : null}
      </div>
      <div class="row">
        <button type="submit" class="danger" disabled={busy || !reason.trim()}>
          {t('banConfirm')}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
