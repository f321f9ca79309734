import { useState } from 'preact/hooks';
import type { DeskSubmissionView } from '@app/contracts/reporter/submission.model';
import { useTexts } from '@web/console/console-context';
import { SUBMISSION_MESSAGES } from './submissions-messages';
import type { DeskAction } from './use-desk-action';
import { useDeskApi } from './use-desk';
import { type Roster } from '@web/console/staff/roster';

const NOBODY = '';

/** Who answers for the submission: me, a colleague from the roster, or nobody. */
export function AssignmentPanel({
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
  const [choice, setChoice] = useState(submission.assigneeId ?? NOBODY);
  const assign = (staffId: string | null) =>
    action.change(
      () => desk.assign(submission, staffId),
      staffId ? t('assigned', { name: roster.nameOf(staffId) }) : t('unassigned'),
    );
  const current = submission.assigneeId;
  const listed = roster.members.some((member) => member.id === current);
  return (
    <section class="card" aria-labelledby="desk-assignment">
      <h2 id="desk-assignment">{t('assignment')}</h2>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void assign(choice === NOBODY ? null : choice);
        }}
      >
        <label>
          {t('assignTo')}
          <select name="assignee" value={choice} onChange={(event) => setChoice(event.currentTarget.value)}>
            <option value={NOBODY}>{t('nobody')}</option>
            {roster.members.map((member) => (
              <option key={member.id} value={member.id}>
                {member.id === roster.myId ? `${member.email} (${t('me')})` : member.email}
              </option>
            ))}
            {current && !listed ? <option value={current}>{current}</option> : null}
          </select>
        </label>
        <div class="row">
          <button type="submit" disabled={action.busy || choice === (current ?? NOBODY)}>
            {t('assign')}
          </button>
          {roster.myId && current !== roster.myId ? (
            <button
              type="button"
              class="primary"
              disabled={action.busy}
              onClick={() => {
                const me = roster.myId!;
                void assign(me).then((done) => done && setChoice(me));
              }}
            >
              {t('assignToMe')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
