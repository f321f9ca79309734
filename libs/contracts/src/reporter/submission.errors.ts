import { ConflictError, DomainError, RuleViolationError } from '../errors/domain-error';
import type { SubmissionStatus } from './submission.model';

export class SubmissionNotFoundError extends DomainError {
  constructor() {
    super('submission_not_found', 404, 'The submission was not found.');
  }
}

/** Also the answer to a code that cannot be one: a reader learns nothing from the difference. */
export class TrackingCodeNotFoundError extends DomainError {
  constructor() {
    super('tracking_code_not_found', 404, 'No submission has this tracking code.');
  }
}

export class AttachmentNotFoundError extends DomainError {
  constructor() {
    super('attachment_not_found', 404, 'The attachment was not found.');
  }
}

/** The intake is unknown, finished, swept or held by another copy of the service. */
export class IntakeNotFoundError extends DomainError {
  constructor() {
    super('intake_not_found', 404, 'The upload was not found; it may have expired. Please send again.');
  }
}

/** A file's bytes are none of the accepted kinds. */
export class FileKindNotAllowedError extends DomainError {
  constructor(readonly fileName: string) {
    super(
      'file_kind_not_allowed',
      415,
      `The file ${JSON.stringify(fileName)} is not a JPEG, PNG, WebP, GIF, MP4 or PDF.`,
      [{ field: 'files', message: `${fileName}: not a JPEG, PNG, WebP, GIF, MP4 or PDF` }],
    );
  }
}

export const INTAKE_LIMIT_CODES = {
  file_size: 'file_too_large',
  total_size: 'submission_too_large',
  file_count: 'too_many_files',
} as const;

/** A file past the per-file size, the submission past its total, or one file too many. */
export class IntakeLimitExceededError extends DomainError {
  constructor(
    readonly limit: keyof typeof INTAKE_LIMIT_CODES,
    readonly fileName: string,
    readonly maxAllowed: number,
  ) {
    const why =
      limit === 'file_count'
        ? `is one more than the ${maxAllowed} files allowed`
        : limit === 'file_size'
          ? `is larger than ${maxAllowed} bytes`
          : `takes the submission past ${maxAllowed} bytes in all`;
    super(INTAKE_LIMIT_CODES[limit], 413, `The file ${JSON.stringify(fileName)} ${why}.`, [
      { field: 'files', message: `${fileName}: ${why}` },
    ]);
  }
}

/** The bytes start like an accepted kind but do not follow its format. */
export class FileMalformedError extends RuleViolationError {
  constructor(readonly fileName: string) {
    super('file_malformed', `The file ${JSON.stringify(fileName)} is damaged or incomplete.`);
  }
}

/** Chunks out of order, a file index skipped, or completion before every file ended. */
export class IntakeSequenceError extends ConflictError {
  constructor(detail: string) {
    super('intake_out_of_sequence', `The upload is out of sequence: ${detail}.`);
  }
}

/** The Idempotency-Key was used before for a different submission. */
export class IdempotencyKeyReusedError extends RuleViolationError {
  constructor() {
    super(
      'idempotency_key_reused',
      'This Idempotency-Key was already used for a different submission; use a new key.',
    );
  }
}

export class SubmissionTransitionNotAllowedError extends ConflictError {
  constructor(from: SubmissionStatus, to: SubmissionStatus, allowedNext: readonly SubmissionStatus[]) {
    super(
      'submission_transition_not_allowed',
      `A submission cannot move from ${from} to ${to}` +
        (allowedNext.length > 0 ? `; it may move to ${allowedNext.join(', ')}.` : '; its status is final.'),
    );
  }
}

/** If-Match named a version the submission has moved past. */
export class SubmissionVersionStaleError extends DomainError {
  constructor(readonly currentVersion: number) {
    super(
      'submission_version_stale',
      412,
      `The submission was changed meanwhile (now version ${currentVersion}); reload it.`,
    );
  }
}

/** needs_info asks the submitter something: the question is required. */
export class SubmissionMessageRequiredError extends DomainError {
  constructor() {
    super('submission_message_required', 422, 'Moving to needs_info needs a message to the submitter.', [
      { field: 'messageToSubmitter', message: 'messageToSubmitter is required for needs_info' },
    ]);
  }
}

/** A rejected, spam or published submission takes no more messages from its submitter. */
export class SubmissionClosedError extends RuleViolationError {
  constructor() {
    super('submission_closed', 'This submission no longer takes messages.');
  }
}
