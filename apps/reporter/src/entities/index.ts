import { Attachment } from './attachment.entity';
import { AttachmentChunk } from './attachment-chunk.entity';
import { SubmissionMessage, SubmissionNote, SubmissionTransition } from './conversation.entities';
import { IdempotencyRecord } from './idempotency-record.entity';
import { Intake } from './intake.entity';
import { RateCounter } from './rate-counter.entity';
import { Submission } from './submission.entity';

export {
  Attachment,
  AttachmentChunk,
  IdempotencyRecord,
  Intake,
  RateCounter,
  Submission,
  SubmissionMessage,
  SubmissionNote,
  SubmissionTransition,
};

export const REPORTER_ENTITIES = [
  Attachment,
  AttachmentChunk,
  IdempotencyRecord,
  Intake,
  RateCounter,
  Submission,
  SubmissionMessage,
  SubmissionNote,
  SubmissionTransition,
];
