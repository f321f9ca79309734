import { ValidationFailedError } from '@app/contracts';
import { FieldTooLargeError, HoneypotFilledError } from './submission.errors';

/** The text fields of the submission form and the most characters each may have. */
export type FormFieldLimits = Readonly<Record<string, number>>;

/** The hidden field a person never fills in (API.md: a honeypot). */
export const HONEYPOT_FIELD = 'website';

/**
 * The text fields of one multipart submission as they arrive: only the form's own names, each once,
 * each within its limit in characters (the limit is refused as the field arrives, 413 naming it); the
 * honeypot refused as soon as it is seen filled. Characters are counted after trimming. Values are kept as sent; `values()` gives them trimmed,
 * with empty ones left out (a browser sends an untouched optional input as an empty string).
 */
export class SubmissionFormFields {
  private readonly received = new Map<string, string>();

  constructor(private readonly limits: FormFieldLimits) {}

  /** One field part; `truncated` when the parser stopped reading it at its byte limit. */
  add(name: string, value: string, truncated: boolean): void {
    const limit = Object.hasOwn(this.limits, name) ? this.limits[name] : undefined;
    if (limit === undefined) {
      throw new ValidationFailedError([{ field: name, message: 'is not a field of a submission' }]);
    }
    if (this.received.has(name)) {
      throw new ValidationFailedError([{ field: name, message: 'was sent more than once' }]);
    }
    if (truncated || [...value.trim()].length > limit) throw new FieldTooLargeError(name, limit);
    if (name === HONEYPOT_FIELD && value.trim() !== '') throw new HoneypotFilledError();
    this.received.set(name, value);
  }

  /** The fields sent, trimmed, without empty ones and without the honeypot. */
  values(): Record<string, string> {
    const values: Record<string, string> = {};
    for (const [name, value] of this.received) {
      const trimmed = value.trim();
      if (name !== HONEYPOT_FIELD && trimmed !== '') values[name] = trimmed.normalize('NFC');
    }
    return values;
  }

  /** Bytes a field may take in the multipart body: four per character at most in UTF-8. */
  static maxFieldBytes(limits: FormFieldLimits): number {
    return 4 * Math.max(...Object.values(limits));
  }
}
