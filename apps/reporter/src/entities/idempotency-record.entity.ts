import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The first answer to an Idempotency-Key (a keyed hash of it): a retry with the same fingerprint gets
 * it again, another fingerprint is refused. The receipt's tracking code is encrypted.
 */
@Entity({ tableName: 'idempotency_record' })
@Index({ name: 'idempotency_record_expires_idx', properties: ['expiresAt'] })
export class IdempotencyRecord {
  @PrimaryKey({ type: 'text' })
  keyHash!: string;

  @Property({ type: 'text' })
  fingerprint!: string;

  @Property({ type: 'uuid' })
  submissionId!: string;

  @Property({ type: 'text' })
  receiptCode!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  receivedAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;
}
