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

/** The limits as the gateway receives them, so it enforces exactly the service's configuration. */
export function intakeLimitsView(limits: IntakeLimits): IntakeLimitsView {
  return {
    ...limits,
    maxTitle: SUBMISSION_TEXT_LIMITS.titleMaxLength,
    maxBody: SUBMISSION_TEXT_LIMITS.bodyMaxLength,
    maxName: SUBMISSION_TEXT_LIMITS.nameMaxLength,
    maxEmail: SUBMISSION_TEXT_LIMITS.emailMaxLength,
    maxPhone: SUBMISSION_TEXT_LIMITS.phoneMaxLength,
    maxLocation: SUBMISSION_TEXT_LIMITS.locationMaxLength,
    maxChunkBytes: INTAKE_CHUNK_MAX_BYTES,
  };
}
