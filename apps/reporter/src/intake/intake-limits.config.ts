import { INTAKE_CHUNK_MAX_BYTES, IntakeLimitsView, SUBMISSION_TEXT_LIMITS } from '@app/contracts';
import type { IntakeLimits } from '../domain/intake-limits';
import type { ReporterEnv } from '../reporter.config';

export function intakeLimitsOf(config: ReporterEnv): IntakeLimits {
  return {
    maxFileBytes: config.SUBMISSION_MAX_FILE_BYTES,
    maxTotalBytes: config.SUBMISSION_MAX_TOTAL_BYTES,
    maxFiles: config.SUBMISSION_MAX_FILES,
  };
}

/** The configured limits of a submission's texts, in characters (API.md's at most). */
export interface SubmissionTextLimits {
  maxTitle: number;
  maxBody: number;
  maxName: number;
  maxLocation: number;
}

export function textLimitsOf(config: ReporterEnv): SubmissionTextLimits {
  return {
    maxTitle: config.SUBMISSION_MAX_TITLE_CHARS,
    maxBody: config.SUBMISSION_MAX_BODY_CHARS,
    maxName: config.SUBMISSION_MAX_NAME_CHARS,
    maxLocation: config.SUBMISSION_MAX_LOCATION_CHARS,
  };
}

/**
 * The fields past their configured limit, for a refusal naming each (the contract's validation has
 * already held them to API.md's).
 */
export function textsOverLimit(
  fields: { title: string; body: string; name: string; location?: string | null },
  limits: SubmissionTextLimits,
): { field: string; message: string }[] {
  const checks: [string, string | null | undefined, number][] = [
    ['title', fields.title, limits.maxTitle],
    ['body', fields.body, limits.maxBody],
    ['name', fields.name, limits.maxName],
    ['location', fields.location, limits.maxLocation],
  ];
  return checks
    .filter(([, value, max]) => typeof value === 'string' && value.length > max)
    .map(([field, , max]) => ({
      field: `fields.${field}`,
      message: `${field} must be shorter than or equal to ${max} characters`,
    }));
}

/** The limits as the gateway receives them, so it enforces exactly the service's configuration. */
export function intakeLimitsView(limits: IntakeLimits, text: SubmissionTextLimits): IntakeLimitsView {
  return {
    ...limits,
    ...text,
    maxEmail: SUBMISSION_TEXT_LIMITS.emailMaxLength,
    maxPhone: SUBMISSION_TEXT_LIMITS.phoneMaxLength,
    maxChunkBytes: INTAKE_CHUNK_MAX_BYTES,
  };
}
