import type { DeskSubmissionView } from '@app/contracts/reporter/submission.model';
import { ApiFailure } from '@web/console/api/staff-api';
import { useTexts } from '@web/console/console-context';
import { useAction } from '@web/console/ui/use-action';
import { SUBMISSION_MESSAGES } from './submissions-messages';

export interface DeskAction {
  busy: boolean;
  /** Runs a change of the submission; its answer becomes what the screen shows. */
  change(action: () => Promise<DeskSubmissionView>, done: string): Promise<boolean>;
}

/**
 * The detail's changes, one at a time. A 412 means someone moved the submission on since it was
 * loaded: the person is told so in plain words and the detail is loaded again, so the next try is
 * made against what is really there.
 */
export function useDeskAction(changed: (view: DeskSubmissionView) => void, reload: () => void): DeskAction {
  const t = useTexts(SUBMISSION_MESSAGES);
  const { busy, run } = useAction();
  const change = (action: () => Promise<DeskSubmissionView>, done: string) =>
    run(async () => {
      try {
        changed(await action());
      } catch (error) {
        if (error instanceof ApiFailure && error.status === 412) {
          reload();
          throw new ApiFailure(412, t('stale'), error.problem);
        }
        throw error;
      }
    }, done);
  return { busy, change };
}
