import type { DeskSubmissionView } from '@app/contracts/reporter/submission.model';
import { useTexts } from '@web/console/console-context';
import { DateTime } from '@web/console/ui/date-time';
import { SUBMISSION_MESSAGES } from './submissions-messages';
import type { DeskAction } from './use-desk-action';
import { useDeskApi } from './use-desk';
import { SUBMISSION_TEXT_LIMITS } from '@app/contracts/reporter/submission.limits';

/** The API's limit for a message to the submitter. */
export const MESSAGE_MAX_LENGTH = SUBMISSION_TEXT_LIMITS.messageMaxLength;

/**
 * The conversation with the submitter. The newsroom writes only with a change of status (API.md: a
 * transition's `messageToSubmitter`): asking a question is the move to needs_info, which the box below
 * makes; the other moves in the status panel take the same text along.
 */
export function ThreadPanel({
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
  const open = submission.allowedNext.length > 0;
  const mayAsk = submission.allowedNext.includes('needs_info');
  return (
    <section class="card" aria-labelledby="desk-thread">
      <h2 id="desk-thread">{t('thread')}</h2>
      {submission.messages.length === 0 ? (
        <p class="muted">{t('noMessages')}</p>
      ) : (
        <ol class="desk-thread">
          {submission.messages.map((entry, index) => (
            <li key={index} class={`desk-message desk-message-${entry.from}`}>
              <p class="desk-message-meta">
                <strong>{entry.from === 'newsroom' ? t('fromNewsroom') : t('fromSubmitter')}</strong>{' '}
                <DateTime iso={entry.at} />
              </p>
              <p class="desk-message-text">{entry.text}</p>
            </li>
          ))}
        </ol>
      )}
      {open ? (
        <form
          class="stack desk-reply"
          onSubmit={(event) => {
            event.preventDefault();
            void action
              .change(() => desk.move(submission, 'needs_info', message), t('asked'))
              .then((done) => done && setMessage(''));
          }}
        >
          <label>
            {t('messageToSubmitter')}
            <textarea
              name="messageToSubmitter"
              maxLength={MESSAGE_MAX_LENGTH}
              value={message}
              onInput={(event) => setMessage(event.currentTarget.value)}
              aria-describedby="desk-message-hint"
            />
          </label>
          <p id="desk-message-hint" class="muted desk-hint">
            {t('messageHint')}
          </p>
          {mayAsk ? (
            <div class="row">
              <button type="submit" class="primary" disabled={action.busy || !message.trim()}>
                {t('ask')}
              </button>
            </div>
          ) : null}
        </form>
      ) : (
        <p class="muted">{t('threadClosed')}</p>
      )}
    </section>
  );
}
