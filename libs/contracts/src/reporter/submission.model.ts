import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The life of a submission (API.md): received → in_review → accepted → published, in_review ⇄ needs_info. */
export const SUBMISSION_STATUSES = [
  'received',
  'in_review',
  'needs_info',
  'accepted',
  'published',
  'rejected',
  'spam',
] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** What a submission is about, as the form offers it; the desk filters by it. */
export const SUBMISSION_CATEGORIES = [
  'incident',
  'city',
  'transport',
  'housing',
  'environment',
  'society',
  'politics',
  'business',
  'culture',
  'sport',
  'other',
] as const;
export type SubmissionCategory = (typeof SUBMISSION_CATEGORIES)[number];

export const SUBMISSION_LOCALES = ['ru', 'en'] as const;
export type SubmissionLocale = (typeof SUBMISSION_LOCALES)[number];

/** Who wrote a message of a submission's conversation. */
export const MESSAGE_AUTHORS = ['newsroom', 'submitter'] as const;
export type MessageAuthor = (typeof MESSAGE_AUTHORS)[number];

/** The kinds of file a submission may carry, recognised by their bytes (never by name or declared type). */
export const ATTACHMENT_KINDS = ['jpeg', 'png', 'webp', 'gif', 'mp4', 'pdf'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export const ATTACHMENT_MEDIA_TYPES: Readonly<Record<AttachmentKind, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  mp4: 'video/mp4',
  pdf: 'application/pdf',
};

/** Set on a stored file whose metadata could not be removed (PDF): the moderator is told before opening it. */
export const ATTACHMENT_WARNINGS = ['metadata_not_removed'] as const;
export type AttachmentWarning = (typeof ATTACHMENT_WARNINGS)[number];

/** The answer to a submission: shown once; the tracking code is not stored in clear anywhere. */
export class SubmissionReceiptView {
  @ApiProperty({ example: '7K3M-Q9XD-2FHT-R8WB' }) trackingCode: string;
  @ApiProperty({ enum: ['received'] }) status: 'received';
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
}

/** The limits a submission's files and fields must keep; the gateway enforces exactly these. */
export class IntakeLimitsView {
  @ApiProperty() maxFileBytes: number;
  @ApiProperty() maxTotalBytes: number;
  @ApiProperty() maxFiles: number;
  @ApiProperty() maxTitle: number;
  @ApiProperty() maxBody: number;
  @ApiProperty() maxName: number;
  @ApiProperty() maxEmail: number;
  @ApiProperty() maxPhone: number;
  @ApiProperty() maxLocation: number;
  @ApiProperty({ description: 'Largest binary chunk message, in bytes' }) maxChunkBytes: number;
}

export class SubmissionMessageView {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: MESSAGE_AUTHORS }) from: MessageAuthor;
  @ApiProperty() text: string;
}

/** What a submitter sees with the tracking code: no contact data, no notes, no assignee. */
export class TrackingView {
  @ApiProperty({ enum: SUBMISSION_STATUSES }) status: SubmissionStatus;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: [SubmissionMessageView], description: 'Oldest first' })
  messages: SubmissionMessageView[];
}

/** One row of the desk's list: no contact data. */
export class DeskSubmissionItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, enum: SUBMISSION_CATEGORIES, nullable: true })
  category: SubmissionCategory | null;
  @ApiProperty({ enum: SUBMISSION_STATUSES }) status: SubmissionStatus;
  @ApiProperty({ type: String, nullable: true }) assigneeId: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() attachmentCount: number;
  @ApiProperty({ description: 'Send back as If-Match to change the submission' }) version: number;
}

export class DeskSubmissionPageView {
  @ApiProperty({ type: [DeskSubmissionItemView], description: 'Newest first' })
  items: DeskSubmissionItemView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

/** Decrypted for the desk only. */
export class SubmissionContactView {
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: String, nullable: true }) location: string | null;
}

export class SubmissionAttachmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ATTACHMENT_KINDS }) kind: AttachmentKind;
  @ApiProperty({ description: 'As the sender named it' }) fileName: string;
  @ApiProperty() sizeBytes: number;
  @ApiPropertyOptional({ enum: ATTACHMENT_WARNINGS }) warning?: AttachmentWarning;
}

export class SubmissionNoteView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() staffId: string;
  @ApiProperty() text: string;
}

export class SubmissionTransitionView {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() staffId: string;
  @ApiProperty({ enum: SUBMISSION_STATUSES }) from: SubmissionStatus;
  @ApiProperty({ enum: SUBMISSION_STATUSES }) to: SubmissionStatus;
}

export class DeskSubmissionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, enum: SUBMISSION_CATEGORIES, nullable: true })
  category: SubmissionCategory | null;
  @ApiProperty({ enum: SUBMISSION_LOCALES }) locale: SubmissionLocale;
  @ApiProperty({ enum: SUBMISSION_STATUSES }) status: SubmissionStatus;
  @ApiProperty({ enum: SUBMISSION_STATUSES, isArray: true, description: 'Where it may move next' })
  allowedNext: SubmissionStatus[];
  @ApiProperty({ type: String, nullable: true }) assigneeId: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: SubmissionContactView }) contact: SubmissionContactView;
  @ApiProperty({ type: [SubmissionAttachmentView] }) attachments: SubmissionAttachmentView[];
  @ApiProperty({ type: [SubmissionMessageView], description: 'Oldest first' })
  messages: SubmissionMessageView[];
  @ApiProperty({ type: [SubmissionNoteView], description: 'Oldest first' }) notes: SubmissionNoteView[];
  @ApiProperty({ type: [SubmissionTransitionView], description: 'Oldest first' })
  history: SubmissionTransitionView[];
}
