import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsIn, IsInt, IsString, IsUUID, Length, Matches, Min, ValidateIf } from 'class-validator';
import { PageQuery } from '../common/page';
import { SERVICES, ServiceName } from '../health/health.contract';
import { Caller } from '../identity/caller';
import { OptionalNotNull } from '../validation/optional-not-null.decorator';
import { SingleLine } from '../validation/single-line.decorator';
import {
  SUBMISSION_TEXT_LIMITS,
  SubmissionTextField,
  SubmitterEmailField,
  SubmitterPhoneField,
} from './submission.fields';
import {
  AttachmentKind,
  AttachmentWarning,
  DeskSubmissionPageView,
  DeskSubmissionView,
  IntakeLimitsView,
  SUBMISSION_CATEGORIES,
  SUBMISSION_LOCALES,
  SUBMISSION_STATUSES,
  SubmissionCategory,
  SubmissionLocale,
  SubmissionMessageView,
  SubmissionReceiptView,
  SubmissionStatus,
  TrackingView,
} from './submission.model';
import { NestedContract } from '../validation/nested-contract.decorator';

const LIMITS = SUBMISSION_TEXT_LIMITS;
/** Keyed hashes made by the gateway (client address, Idempotency-Key header): never the raw value. */
const HASH_LENGTH: [number, number] = [1, 128];
const SHA256_HEX = /^[0-9a-f]{64}$/;

// ---- what a submitter sends (the multipart form's fields, the files apart) ----

/** The text fields of `POST /api/v1/submissions`. */
export class SubmissionFields {
  @SubmissionTextField({ max: LIMITS.titleMaxLength, singleLine: true })
  title: string;

  @SubmissionTextField({ max: LIMITS.bodyMaxLength, description: 'Plain text' })
  body: string;

  @ApiProperty({ required: false, enum: SUBMISSION_CATEGORIES })
  @OptionalNotNull()
  @IsIn(SUBMISSION_CATEGORIES)
  category?: SubmissionCategory;

  @SubmissionTextField({ max: LIMITS.locationMaxLength, optional: true, description: 'Where it happened' })
  location?: string;

  @SubmissionTextField({ max: LIMITS.nameMaxLength, singleLine: true })
  name: string;

  @SubmitterEmailField()
  email?: string;

  @SubmitterPhoneField()
  phone?: string;

  @ApiProperty({ enum: [true], description: 'Consent to the processing of the contact data' })
  @Equals(true, { message: 'consent must be given (true)' })
  consent: true;
}

// ---- intake (gateway → reporter) ----

export class BeginIntakeRequest {
  @IsString()
  @Length(...HASH_LENGTH)
  addressHash: string;
}

export type BeginIntakeReply = {
  kind: 'open';
  intakeId: string;
  /** The full NATS subject (deployment prefix included) of the copy holding this intake: use as given. */
  chunkSubject: string;
  limits: IntakeLimitsView;
};
/* An Idempotency-Key is judged at completion only, where the content is known: a post with the key
     of an earlier one gets its receipt when it is the same, 422 when it is not. */

export class IntakeIdRequest {
  @IsUUID()
  intakeId: string;
}

export interface AbortIntakeReply {
  intakeId: string;
  /** Files deleted with it. */
  discardedFiles: number;
}

export class CompleteIntakeRequest extends IntakeIdRequest {
  @IsString()
  @Length(...HASH_LENGTH)
  addressHash: string;

  @OptionalNotNull()
  @IsString()
  @Length(...HASH_LENGTH)
  idempotencyKeyHash?: string;

  /** SHA-256 (hex) over the fields and the files' sha256, computed by the gateway; tells a retry from a reuse. */
  @IsString()
  @Matches(SHA256_HEX, { message: 'fingerprint must be 64 lower-case hex digits' })
  fingerprint: string;

  @IsIn(SUBMISSION_LOCALES)
  locale: SubmissionLocale;

  @NestedContract(() => SubmissionFields)
  fields: SubmissionFields;
}

/** The reply to a normal chunk, and (with `attachment`) to the last chunk of a file. */
export interface IntakeChunkReply {
  ok: true;
  attachment?: StagedAttachmentView;
}

export interface StagedAttachmentView {
  attachmentId: string;
  kind: AttachmentKind;
  sizeBytes: number;
  /** SHA-256 (hex) of the bytes received, before cleaning: what the gateway's fingerprint covers. */
  sha256: string;
  warning?: AttachmentWarning;
}

// ---- tracking (readers, no login) ----

export class TrackingRequest {
  @ApiProperty()
  @IsString()
  @Length(1, 64)
  trackingCode: string;

  @IsString()
  @Length(...HASH_LENGTH)
  addressHash: string;
}

/** Body of `POST /api/v1/submissions/track/:trackingCode/messages`. */
export class SubmitterMessage {
  @SubmissionTextField({ max: LIMITS.messageMaxLength })
  text: string;
}

export class TrackingReplyRequest extends TrackingRequest {
  @SubmissionTextField({ max: LIMITS.messageMaxLength })
  text: string;
}

// ---- desk (moderators) ----

/** `assignee` filter: `me`, `none`, or a staff id. */
export const ASSIGNEE_FILTER_PATTERN = /^[A-Za-z0-9_.@-]{1,64}$/;

/** Query of `GET /api/v1/moderation/submissions` (newest first). */
export class DeskListQuery extends PageQuery {
  @ApiProperty({ required: false, enum: SUBMISSION_STATUSES })
  @OptionalNotNull()
  @IsIn(SUBMISSION_STATUSES)
  status?: SubmissionStatus;

  @ApiProperty({ required: false, description: '`me`, `none` or a staff id' })
  @OptionalNotNull()
  @IsString()
  @Matches(ASSIGNEE_FILTER_PATTERN)
  assignee?: string;

  @ApiProperty({ required: false, enum: SUBMISSION_CATEGORIES })
  @OptionalNotNull()
  @IsIn(SUBMISSION_CATEGORIES)
  category?: SubmissionCategory;

  @SubmissionTextField({
    max: LIMITS.searchMaxLength,
    optional: true,
    singleLine: true,
    description: 'Words searched in title and body',
  })
  q?: string;
}

export class DeskListRequest extends DeskListQuery {
  @NestedContract(() => Caller)
  caller: Caller;
}

export class DeskSubmissionRequest {
  @NestedContract(() => Caller)
  caller: Caller;

  @IsUUID()
  id: string;
}

/** Body of `POST /api/v1/moderation/submissions/:id/transition`. */
export class SubmissionTransitionBody {
  @ApiProperty({ enum: SUBMISSION_STATUSES })
  @IsIn(SUBMISSION_STATUSES)
  to: SubmissionStatus;

  @SubmissionTextField({
    max: LIMITS.messageMaxLength,
    optional: true,
    description: 'Shown to the submitter; required for needs_info',
  })
  messageToSubmitter?: string;
}

export class DeskTransitionRequest extends DeskSubmissionRequest {
  @IsIn(SUBMISSION_STATUSES)
  to: SubmissionStatus;

  @SubmissionTextField({ max: LIMITS.messageMaxLength, optional: true })
  messageToSubmitter?: string;

  /** From If-Match: the change is refused (412) when the submission has moved on. */
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

/** Body of `POST /api/v1/moderation/submissions/:id/assign`. */
export class SubmissionAssignBody {
  @ApiProperty({ type: String, nullable: true, description: 'null: nobody' })
  @ValidateIf((_object, value) => value !== null)
  @IsString()
  @Length(1, LIMITS.staffIdMaxLength)
  @SingleLine()
  staffId: string | null;
}

export class DeskAssignRequest extends DeskSubmissionRequest {
  @ValidateIf((_object, value) => value !== null)
  @IsString()
  @Length(1, LIMITS.staffIdMaxLength)
  @SingleLine()
  staffId: string | null;

  @OptionalNotNull()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

/** Body of `POST /api/v1/moderation/submissions/:id/notes`. */
export class SubmissionNoteBody {
  @SubmissionTextField({ max: LIMITS.noteMaxLength })
  text: string;
}

export class DeskNoteRequest extends DeskSubmissionRequest {
  @SubmissionTextField({ max: LIMITS.noteMaxLength })
  text: string;
}

/** JSON request of the raw `reporter.attachment.read` (its reply is binary; see intake.wire.ts). */
export class AttachmentReadRequest {
  @NestedContract(() => Caller)
  caller: Caller;

  @IsUUID()
  submissionId: string;

  @IsUUID()
  attachmentId: string;

  @IsInt()
  @Min(0)
  offset: number;
}

// ---- for the notifications service ----

export const SUBMITTER_NOTICE_PURPOSES = ['received', 'status_changed'] as const;
export type SubmitterNoticePurpose = (typeof SUBMITTER_NOTICE_PURPOSES)[number];

export class SubmitterNoticeRequest {
  /** The asking service; only `notifications` is answered. */
  @IsIn(SERVICES)
  callerService: ServiceName;

  @IsUUID()
  submissionId: string;

  @IsIn(SUBMITTER_NOTICE_PURPOSES)
  purpose: SubmitterNoticePurpose;
}

export interface SubmitterNoticeReply {
  email: string | null;
  name: string;
  locale: SubmissionLocale;
  status: SubmissionStatus;
  /** Only for `received`, and only while its encrypted copy is kept (CONFIRMATION_CODE_HOURS). */
  trackingCode: string | null;
  /** The message of the latest transition, for `status_changed`. */
  messageToSubmitter: string | null;
}

// ---- replies ----

export type SubmissionReceiptReply = SubmissionReceiptView;
export type TrackingReply = TrackingView;
export type SubmissionMessageReply = SubmissionMessageView;
export type DeskListReply = DeskSubmissionPageView;
export type DeskSubmissionReply = DeskSubmissionView;
