import type { DeskSubmissionView, SubmissionStatus } from '@app/contracts/reporter/submission.model';
import { useTexts } from '@web/console/console-context';
import { moveLabel, STATUS_LABELS } from './submission-labels';
import { SUBMISSION_MESSAGES } from './submissions-messages';
import type { DeskAction } from './use-desk-action';
import { useDeskApi } from './use-desk';

type Move = Exclude<SubmissionStatus, 'received' | 'needs_info'>;

/**
 * The moves the state machine allows from here, as the detail's `allowedNext` lists them, and nothing
 * else. Asking the submitter (needs_info) is the thread's own button, since it needs the question.
 */
export function StatusPanel({
  submission,
  action,
  message,
  setMessage,
}: {
  submission: DeskSubmissionView;
  action: DeskAction;
  message: string;
  setMessage(text: string): void;
}) {
  const t = useTexts(SUBMISSION_MESSAGES);
  const desk = useDeskApi();
  const moves = submission.allowedNext.filter((to): to is Move => to !== 'needs_info' && to !== 'received');
  const move = (to: Move) =>
    void action
      .change(() => desk.move(submission, to, message), t('moved', { status: t(STATUS_LABELS[to]) }))
      .then((done) => done && setMessage(''));
  return (
    <section class="card" aria-labelledby="desk-moves">
      <h2 id="desk-moves">{t('transitions')}</h2>
      {submission.allowedNext.length === 0 ? (
        <p class="muted">{t('finalStatus')}</p>
      ) : (
        <>
          <p class="muted desk-hint">{t('transitionsHint')}</p>
          <div class="desk-moves">
            {moves.map((to) => (
              <button
                key={to}
                type="button"
                class={to === 'rejected' || to === 'spam' ? 'danger' : 'primary'}
                disabled={action.busy}
                onClick={() => move(to)}
              >
                {t(moveLabel(submission.status, to))}
              </button>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
