import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { SubmissionCategory, SubmissionLocale, SubmissionStatus } from '@app/contracts';

/**
 * One reader's submission. Contact columns hold `c1.<keyId>...` ciphertext only (ContactCipher, with
 * `submission:<id>:<field>` as associated data); the tracking code is kept as its SHA-256, and
 * encrypted only until the confirmation email has had its chance (`confirmationCode`).
 */
@Entity({ tableName: 'submission' })
@Unique({ name: 'submission_tracking_code_hash_unique', properties: ['trackingCodeHash'] })
@Index({ name: 'submission_received_idx', properties: ['receivedAt', 'id'] })
@Index({ name: 'submission_status_idx', properties: ['status', 'receivedAt', 'id'] })
@Index({ name: 'submission_assignee_idx', properties: ['assigneeId', 'receivedAt', 'id'] })
@Index({ name: 'submission_category_idx', properties: ['category', 'receivedAt', 'id'] })
@Index({
  name: 'submission_decided_idx',
  expression: `create index "submission_decided_idx" on "submission" ("decided_at") where status in ('rejected', 'spam')`,
})
@Index({
  name: 'submission_confirmation_idx',
  expression: `create index "submission_confirmation_idx" on "submission" ("received_at") where confirmation_code is not null`,
})
@Index({
  name: 'submission_search_idx',
  expression: `create index "submission_search_idx" on "submission" using gin (to_tsvector('simple', title || ' ' || body))`,
})
export class Submission {
  [OptionalProps]?: 'version';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  trackingCodeHash!: string;

  @Property({ type: 'text' })
  status!: SubmissionStatus;

  @Property({ type: 'text' })
  locale!: SubmissionLocale;

  @Property({ type: 'text', nullable: true })
  category: SubmissionCategory | null = null;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  body!: string;

  /** The key the contact columns were last written with; the rotation command looks for old ones. */
  @Property({ type: 'text' })
  contactKeyId!: string;

  @Property({ type: 'text' })
  contactName!: string;

  @Property({ type: 'text', nullable: true })
  contactEmail: string | null = null;

  @Property({ type: 'text', nullable: true })
  contactPhone: string | null = null;

  @Property({ type: 'text', nullable: true })
  contactLocation: string | null = null;

  /** The tracking code, encrypted, for the confirmation email; wiped after CONFIRMATION_CODE_HOURS. */
  @Property({ type: 'text', nullable: true })
  confirmationCode: string | null = null;

  @Property({ type: 'text', nullable: true })
  assigneeId: string | null = null;

  @Property({ type: 'integer', default: 1 })
  version = 1;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  receivedAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt!: Date;

  /** When it became rejected or spam: retention counts from here. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  decidedAt: Date | null = null;
}
