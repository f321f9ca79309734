import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { MessageAuthor, SubmissionStatus } from '@app/contracts';

/** One message between the newsroom and the submitter, shown on the tracking page. */
@Entity({ tableName: 'message' })
@Index({ name: 'message_submission_idx', properties: ['submissionId', 'createdAt'] })
export class SubmissionMessage {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  submissionId!: string;

  @Property({ type: 'text' })
  author!: MessageAuthor;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;
}

/** The newsroom's internal note: never shown to the submitter. */
@Entity({ tableName: 'note' })
@Index({ name: 'note_submission_idx', properties: ['submissionId', 'createdAt'] })
export class SubmissionNote {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  submissionId!: string;

  @Property({ type: 'text' })
  staffId!: string;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;
}

/** Who moved a submission from which status to which, and when (with the message it carried). */
@Entity({ tableName: 'transition' })
@Index({ name: 'transition_submission_idx', properties: ['submissionId', 'createdAt'] })
export class SubmissionTransition {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  submissionId!: string;

  @Property({ type: 'text' })
  staffId!: string;

  @Property({ type: 'text' })
  fromStatus!: SubmissionStatus;

  @Property({ type: 'text' })
  toStatus!: SubmissionStatus;

  @Property({ type: 'uuid', nullable: true })
  messageId: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;
}
