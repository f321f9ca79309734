import { useEffect, useState } from 'preact/hooks';
import type { DeskSubmissionView } from '@app/contracts/reporter/submission.model';
import { useLoad, useTexts } from '@web/console/console-context';
import { hrefOf } from '@web/console/router';
import { DateTime } from '@web/console/ui/date-time';
import { LoadState } from '@web/console/ui/load-state';
import { ScreenTitle } from '@web/console/ui/screen-title';
import { AssignmentPanel } from './assignment-panel';
import { AttachmentsPanel } from './attachments-panel';
import { HistoryPanel } from './history-panel';
import { NotesPanel } from './notes-panel';
import { StatusPanel } from './status-panel';
import { StatusTag } from './status-tag';
import { CATEGORY_LABELS } from './submission-labels';
import { SUBMISSION_MESSAGES } from './submissions-messages';
import { ThreadPanel } from './thread-panel';
import { useDeskAction, type DeskAction } from './use-desk-action';
import { useDeskApi } from './use-desk';
import { useNamesOf, useRoster, type Roster } from '@web/console/staff/roster';
import { deskListPath } from './desk-list';

/** One submission in full, with everything the desk does to it. */
export function SubmissionDetail({ id }: { id: string }) {
  const desk = useDeskApi();
  const roster = useRoster();
  const loaded = useLoad(() => desk.get(id), [desk, id]);
  // The answer of the last change (or refresh) is shown until the next load replaces it.
  const [changed, setChanged] = useState<DeskSubmissionView | null>(null);
  useEffect(() => setChanged(null), [loaded.data]);
  const action = useDeskAction(setChanged, loaded.reload);
  return (
    <LoadState loaded={{ ...loaded, data: changed ?? loaded.data }}>
      {(submission) => <Detail submission={submission} roster={roster} action={action} />}
    </LoadState>
  );
}

function Detail({
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
  // What the next status change tells the submitter; it stays while the person picks the move.
  const [message, setMessage] = useState('');
  useNamesOf(roster, [
    ...(submission.assigneeId ? [submission.assigneeId] : []),
    ...submission.notes.map((note) => note.staffId),
    ...submission.history.map((step) => step.staffId),
  ]);
  return (
    <article class="desk-detail">
      <p class="desk-back">
        <a href={hrefOf(deskListPath())}>{t('backToList')}</a>
      </p>
      <ScreenTitle
        actions={
          <button
            type="button"
            disabled={action.busy}
            onClick={() => void action.change(() => desk.get(submission.id), t('refreshed'))}
          >
            {t('refresh')}
          </button>
        }
      >
        {submission.title}
      </ScreenTitle>
      <div class="desk-columns">
        <div class="desk-main">
          <Summary submission={submission} roster={roster} />
          <section class="card" aria-labelledby="desk-text">
            <h2 id="desk-text">{t('text')}</h2>
            <p class="desk-body">{submission.body}</p>
          </section>
          <Contact submission={submission} />
          <AttachmentsPanel submission={submission} />
          <ThreadPanel submission={submission} action={action} message={message} setMessage={setMessage} />
        </div>
        <div class="desk-side">
          <StatusPanel submission={submission} action={action} message={message} setMessage={setMessage} />
          {/* Keyed by the assignee: a change made elsewhere resets the choice to what is now true. */}
          <AssignmentPanel
            key={submission.assigneeId ?? ''}
            submission={submission}
            roster={roster}
            action={action}
          />
          <NotesPanel submission={submission} roster={roster} action={action} />
          <HistoryPanel submission={submission} roster={roster} />
        </div>
      </div>
    </article>
  );
}

function Summary({ submission, roster }: { submission: DeskSubmissionView; roster: Roster }) {
  const t = useTexts(SUBMISSION_MESSAGES);
  return (
    <section class="card" aria-labelledby="desk-summary">
      <h2 id="desk-summary">{t('summary')}</h2>
      <dl class="desk-facts">
        <dt>{t('status')}</dt>
        <dd>
          <StatusTag status={submission.status} />
        </dd>
        <dt>{t('category')}</dt>
        <dd>{submission.category ? t(CATEGORY_LABELS[submission.category]) : t('noCategory')}</dd>
        <dt>{t('assignee')}</dt>
        <dd class="desk-assignee">
          {submission.assigneeId ? roster.nameOf(submission.assigneeId) : t('nobody')}
        </dd>
        <dt>{t('received')}</dt>
        <dd>
          <DateTime iso={submission.receivedAt} />
        </dd>
        <dt>{t('updated')}</dt>
        <dd>
          <DateTime iso={submission.updatedAt} />
        </dd>
        <dt>{t('language')}</dt>
        <dd>{submission.locale === 'en' ? 'English' : 'Русский'}</dd>
      </dl>
    </section>
  );
}

function Contact({ submission }: { submission: DeskSubmissionView }) {
  const t = useTexts(SUBMISSION_MESSAGES);
  const { name, email, phone, location } = submission.contact;
  const missing = <span class="muted">{t('notGiven')}</span>;
  return (
    <section class="card" aria-labelledby="desk-contact">
      <h2 id="desk-contact">{t('contact')}</h2>
      <dl class="desk-facts">
        <dt>{t('contactName')}</dt>
        <dd>{name}</dd>
        <dt>{t('contactEmail')}</dt>
        <dd>{email ? <a href={`mailto:${email}`}>{email}</a> : missing}</dd>
        <dt>{t('contactPhone')}</dt>
        <dd>{phone ? <a href={`tel:${phone.replace(/[^0-9+]/g, '')}`}>{phone}</a> : missing}</dd>
        <dt>{t('contactLocation')}</dt>
        <dd>{location ?? missing}</dd>
      </dl>
    </section>
  );
}
