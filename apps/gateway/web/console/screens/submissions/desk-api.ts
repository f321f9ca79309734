import type {
  DeskSubmissionPageView,
  DeskSubmissionView,
  SubmissionStatus,
} from '@app/contracts/reporter/submission.model';
import { SUBMISSION_ROUTES } from '@web/console/api/routes';
import type { Download, StaffApi } from '@web/console/api/staff-api';
import type { DeskFilters } from './desk-filters';

/** How many rows a page of the desk list shows. */
const PAGE_SIZE = 25;

/** The ETag of a submission at the version shown: a change is refused (412) if it moved on since. */
function ifMatch(submission: DeskSubmissionView): Record<string, string> {
  return { 'If-Match': `"${submission.version}"` };
}

/** The desk's calls, each as the API document names it. */
export class DeskApi {
  constructor(private readonly api: StaffApi) {}

  list(filters: DeskFilters, cursor: string | null): Promise<DeskSubmissionPageView> {
    return this.api.call(SUBMISSION_ROUTES.list, { query: { ...filters, cursor, limit: PAGE_SIZE } });
  }

  get(id: string): Promise<DeskSubmissionView> {
    return this.api.call(SUBMISSION_ROUTES.detail, { params: { id } });
  }

  move(
    submission: DeskSubmissionView,
    to: SubmissionStatus,
    messageToSubmitter: string,
  ): Promise<DeskSubmissionView> {
    const message = messageToSubmitter.trim();
    return this.api.call(SUBMISSION_ROUTES.transition, {
      params: { id: submission.id },
      body: message ? { to, messageToSubmitter: message } : { to },
      headers: ifMatch(submission),
    });
  }

  assign(submission: DeskSubmissionView, staffId: string | null): Promise<DeskSubmissionView> {
    return this.api.call(SUBMISSION_ROUTES.assign, {
      params: { id: submission.id },
      body: { staffId },
      headers: ifMatch(submission),
    });
  }

  note(submission: DeskSubmissionView, text: string): Promise<DeskSubmissionView> {
    return this.api.call(SUBMISSION_ROUTES.note, { params: { id: submission.id }, body: { text } });
  }

  attachment(submissionId: string, attachmentId: string): Promise<Download> {
    return this.api.download(SUBMISSION_ROUTES.attachment, { id: submissionId, attachmentId });
  }
}
