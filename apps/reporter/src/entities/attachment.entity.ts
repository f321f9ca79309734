import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { AttachmentKind, AttachmentWarning } from '@app/contracts';

/**
 * A file of a submission, already cleaned: staged (`intakeId`) while its upload goes on, linked
 * (`submissionId`) once the submission is completed. Its name is encrypted like contact data (a file
 * name can say who took the photo, or where).
 */
@Entity({ tableName: 'attachment' })
@Index({ name: 'attachment_intake_idx', properties: ['intakeId'] })
@Index({ name: 'attachment_submission_idx', properties: ['submissionId', 'fileIndex'] })
export class Attachment {
  [OptionalProps]?: 'sizeBytes' | 'complete';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', nullable: true })
  intakeId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  submissionId: string | null = null;

  @Property({ type: 'integer' })
  fileIndex!: number;

  @Property({ type: 'text' })
  fileName!: string;

  @Property({ type: 'text', nullable: true })
  kind: AttachmentKind | null = null;

  @Property({ type: 'bigint', default: 0 })
  sizeBytes = '0';

  /** Of the bytes received (before cleaning): what the gateway's fingerprint covers. */
  @Property({ type: 'text', nullable: true })
  sha256: string | null = null;

  @Property({ type: 'text', nullable: true })
  warning: AttachmentWarning | null = null;

  /** Its last chunk arrived and was stored; a file without it is never linked to a submission. */
  @Property({ type: 'boolean', default: false })
  complete = false;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;
}
