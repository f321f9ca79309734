import { useState } from 'preact/hooks';
import type { DeskSubmissionView } from '@app/contracts/reporter/submission.model';
import { useTexts } from '@web/console/console-context';
import { DateTime } from '@web/console/ui/date-time';
import { SUBMISSION_MESSAGES } from './submissions-messages';
import type { DeskAction } from './use-desk-action';
import { useDeskApi } from './use-desk';
import { type Roster } from '@web/console/staff/roster';
import { SUBMISSION_TEXT_LIMITS } from '@app/contracts/reporter/submission.limits';

const NOTE_MAX_LENGTH = SUBMISSION_TEXT_LIMITS.noteMaxLength;

/** The newsroom's own notes on a submission; the submitter never sees them. */
export function NotesPanel({
  submission,
  roster,
  action,
}: {
  submission: DeskSubmissionView;
  roster: Roster;
  action: DeskAction;
}) {
  const t = useTexts(SUBMISSION_MESSAGES);
  const desk = useDeskApi();
  const [text, setText] = useState('');
  return (
    <section class="card" aria-labelledby="desk-notes">
      <h2 id="desk-notes">{t('notes')}</h2>
      <p class="muted desk-hint">{t('notesHint')}</p>
      {submission.notes.length === 0 ? (
        <p class="muted">{t('noNotes')}</p>
      ) : (
        <ol class="desk-notes">
          {submission.notes.map((note) => (
            <li key={note.id} class="desk-note">
              <p class="desk-message-meta">
                <strong>{roster.nameOf(note.staffId)}</strong> <DateTime iso={note.at} />
              </p>
              <p class="desk-message-text">{note.text}</p>
            </li>
          ))}
        </ol>
      )}
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void action
            .change(() => desk.note(submission, text), t('noteAdded'))
            .then((done) => done && setText(''));
        }}
      >
        <label>
          {t('newNote')}
          <textarea
            name="note"
            maxLength={NOTE_MAX_LENGTH}
            value={text}
            onInput={(event) => setText(event.currentTarget.value)}
          />
        </label>
        <div class="row">
          <button type="submit" disabled={action.busy || !text.trim()}>
            {t('addNote')}
          </button>
        </div>
      </form>
    </section>
  );
}
