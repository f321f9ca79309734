import type { DeskSubmissionView } from '@app/contracts/reporter/submission.model';
import { useTexts } from '@web/console/console-context';
import { DateTime } from '@web/console/ui/date-time';
import { STATUS_LABELS } from './submission-labels';
import { SUBMISSION_MESSAGES } from './submissions-messages';
import type { Roster } from '@web/console/staff/roster';

/** Every status change: when, who, from and to, oldest first. */
export function HistoryPanel({ submission, roster }: { submission: DeskSubmissionView; roster: Roster }) {
  const t = useTexts(SUBMISSION_MESSAGES);
  return (
    <section class="card" aria-labelledby="desk-history">
      <h2 id="desk-history">{t('history')}</h2>
      {submission.history.length === 0 ? (
        <p class="muted">{t('noHistory')}</p>
      ) : (
        <ol class="desk-history">
          {submission.history.map((step, index) => (
            <li key={index} class="desk-history-step">
              <span class="desk-history-move">
                {t('historyStep', { from: t(STATUS_LABELS[step.from]), to: t(STATUS_LABELS[step.to]) })}
              </span>
              <span class="muted">
                <DateTime iso={step.at} />, {t('byWhom', { name: roster.nameOf(step.staffId) })}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
