import { DomainError } from '@app/contracts';

/** A field of the form longer than its limit (413: the request carried more than it may). */
export class FieldTooLargeError extends DomainError {
  constructor(field: string, maxCharacters: number) {
    super('field_too_large', 413, `${field} is longer than ${maxCharacters} characters.`, [
      { field, message: `at most ${maxCharacters} characters` },
    ]);
  }
}

/** More parts than a submission form has: fields, files, or header bytes of a part. */
export class FormTooLargeError extends DomainError {
  constructor(field: string, message: string) {
    super('form_too_large', 413, message, [{ field, message }]);
  }
}

export type FileLimit = 'file_too_large' | 'submission_too_large' | 'too_many_files';

/** A file past one of the intake's limits, named as its sender named it. */
export class FileLimitError extends DomainError {
  constructor(limit: FileLimit, fileName: string, maxAllowed: number) {
    const message =
      limit === 'too_many_files'
        ? `file ${JSON.stringify(fileName)} is one more than the ${maxAllowed} files allowed`
        : limit === 'file_too_large'
          ? `file ${JSON.stringify(fileName)} is larger than ${maxAllowed} bytes`
          : `file ${JSON.stringify(fileName)} takes the submission past ${maxAllowed} bytes in all`;
    super(limit, 413, `${message[0].toUpperCase()}${message.slice(1)}.`, [{ field: 'files', message }]);
  }
}

/** The hidden `website` field was filled in: what a form-filling robot does, never a person. */
export class HoneypotFilledError extends DomainError {
  constructor() {
    super('submission_refused', 422, 'The submission was refused.', [
      { field: 'website', message: 'must be left empty' },
    ]);
  }
}

/** A body that is not `multipart/form-data`. */
export class NotMultipartError extends DomainError {
  constructor() {
    super('multipart_required', 415, 'A submission is sent as multipart/form-data.');
  }
}

/** A multipart body that breaks its own framing (no boundary, cut short, a malformed part header). */
export class MalformedFormError extends DomainError {
  constructor(detail: string) {
    super('malformed_form', 400, `The form is malformed: ${detail}.`, [{ field: 'body', message: detail }]);
  }
}
