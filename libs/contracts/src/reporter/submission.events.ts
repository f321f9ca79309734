import { IsBoolean, IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import { EventType } from '../events/event-type';
import { IsTimestamp } from '../validation/timestamp.decorator';
import {
  SUBMISSION_CATEGORIES,
  SUBMISSION_LOCALES,
  SUBMISSION_STATUSES,
  SubmissionCategory,
  SubmissionLocale,
  SubmissionStatus,
} from './submission.model';

/*
 * Submission events carry ids and facts, never contact data: whoever must write to the submitter asks
 * the reporter service (ReporterRpc.submitterNotice), which keeps that data encrypted.
 */

/** A reader sent a submission. */
@EventType('submission.received', 1, { publisher: 'reporter' })
export class SubmissionReceivedV1 {
  @IsUUID()
  submissionId: string;

  @IsTimestamp()
  receivedAt: string;

  @IsOptional()
  @IsIn(SUBMISSION_CATEGORIES)
  category?: SubmissionCategory;

  /** Whether a confirmation email can be sent. */
  @IsBoolean()
  hasEmail: boolean;

  @IsIn(SUBMISSION_LOCALES)
  locale: SubmissionLocale;
}

/** A moderator moved a submission to another status. */
@EventType('submission.status_changed', 1, { publisher: 'reporter' })
export class SubmissionStatusChangedV1 {
  @IsUUID()
  submissionId: string;

  @IsIn(SUBMISSION_STATUSES)
  from: SubmissionStatus;

  @IsIn(SUBMISSION_STATUSES)
  to: SubmissionStatus;

  @IsTimestamp()
  at: string;

  @IsString()
  byStaffId: string;

  /** The transition carried a message to the submitter. */
  @IsBoolean()
  hasMessage: boolean;
}

/** The submitter answered through the tracking page. */
@EventType('submission.message_received', 1, { publisher: 'reporter' })
export class SubmissionMessageReceivedV1 {
  @IsUUID()
  submissionId: string;

  @IsOptional()
  @IsString()
  assigneeId: string | null;

  @IsTimestamp()
  at: string;
}
