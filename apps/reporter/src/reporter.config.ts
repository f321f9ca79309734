import { SUBMISSION_TEXT_LIMITS } from '@app/contracts';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ServiceEnv, ToBool, ToInt } from '@app/runtime';
import { IsContactKeyRing } from './crypto/contact-key-ring.decorator';

const MEBIBYTE = 1024 * 1024;

export class ReporterEnv extends ServiceEnv {
  /**
   * Demo mode: without REPORTER_CONTACT_KEYS a key is generated for this run only (contact data sent
   * during it cannot be read after a restart), and we say so. Outside demo mode the keys are required.
   */
  @ToBool()
  @IsBoolean()
  DEMO = true;

  /**
   * The keys that encrypt submitters' contact data: `id:base64key,...` (32 random bytes each); the
   * first encrypts, the others only read what was written before a rotation.
   */
  @IsOptional()
  @IsString()
  @IsContactKeyRing()
  REPORTER_CONTACT_KEYS?: string;

  /** Names this copy's chunk subject and the intakes it holds; default: host name and process id. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'REPORTER_INSTANCE_ID must be 1-64 letters, digits, _ or -' })
  REPORTER_INSTANCE_ID?: string;

  /** Largest file of a submission, in bytes; a file of exactly this size passes. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(1024 * MEBIBYTE)
  SUBMISSION_MAX_FILE_BYTES = 20 * MEBIBYTE;

  /** Largest sum of a submission's files, in bytes. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(4096 * MEBIBYTE)
  SUBMISSION_MAX_TOTAL_BYTES = 50 * MEBIBYTE;

  @ToInt()
  @IsInt()
  @Min(0)
  @Max(100)
  SUBMISSION_MAX_FILES = 10;

  /**
   * Longest title, body, name and location text of a submission, in characters. API.md's figures are
   * the defaults and the ceilings: an operator may ask for less, never for more than clients are promised.
   */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(SUBMISSION_TEXT_LIMITS.titleMaxLength)
  SUBMISSION_MAX_TITLE_CHARS: number = SUBMISSION_TEXT_LIMITS.titleMaxLength;

  @ToInt()
  @IsInt()
  @Min(1)
  @Max(SUBMISSION_TEXT_LIMITS.bodyMaxLength)
  SUBMISSION_MAX_BODY_CHARS: number = SUBMISSION_TEXT_LIMITS.bodyMaxLength;

  @ToInt()
  @IsInt()
  @Min(1)
  @Max(SUBMISSION_TEXT_LIMITS.nameMaxLength)
  SUBMISSION_MAX_NAME_CHARS: number = SUBMISSION_TEXT_LIMITS.nameMaxLength;

  @ToInt()
  @IsInt()
  @Min(1)
  @Max(SUBMISSION_TEXT_LIMITS.locationMaxLength)
  SUBMISSION_MAX_LOCATION_CHARS: number = SUBMISSION_TEXT_LIMITS.locationMaxLength;

  /** Submissions one client address may begin per hour; 0 turns the limit off. */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(1000000)
  SUBMISSIONS_PER_ADDRESS_PER_HOUR = 10;

  /** Wrong tracking codes one client address may try per hour before it is refused (429). */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(1000000)
  TRACKING_FAILURES_PER_ADDRESS_PER_HOUR = 20;

  /** Rejected and spam submissions are deleted, with their files and contact data, this long after the decision. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(3650)
  RETENTION_DAYS = 30;

  /** An upload not completed within this many minutes is deleted with its files. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(1440)
  INTAKE_ORPHAN_MINUTES = 15;

  /** How long a retried post with the same Idempotency-Key gets the first answer. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(720)
  IDEMPOTENCY_HOURS = 24;

  /** How long the tracking code is kept (encrypted) for the confirmation email, then wiped. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(720)
  CONFIRMATION_CODE_HOURS = 24;

  /** Time between two runs of the clean-up (uploads left behind, retention, expired records). */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(86400)
  REPORTER_SWEEP_INTERVAL_SECONDS = 60;
}
