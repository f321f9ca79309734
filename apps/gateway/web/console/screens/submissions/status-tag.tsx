import type { SubmissionStatus } from '@app/contracts/reporter/submission.model';
import { useTexts } from '@web/console/console-context';
import { STATUS_LABELS } from './submission-labels';
import { SUBMISSION_MESSAGES } from './submissions-messages';

/** A submission's status as a coloured tag (the colour only repeats what the text says). */
export function StatusTag({ status }: { status: SubmissionStatus }) {
  const t = useTexts(SUBMISSION_MESSAGES);
  return <span class={`tag desk-status desk-status-${status}`}>{t(STATUS_LABELS[status])}</span>;
}
