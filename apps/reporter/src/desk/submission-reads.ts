import type { EntityManager } from '@mikro-orm/postgresql';
import {
  AttachmentKind,
  AttachmentWarning,
  DeskSubmissionView,
  MessageAuthor,
  SubmissionCategory,
  SubmissionLocale,
  SubmissionMessageView,
  SubmissionStatus,
} from '@app/contracts';
import { sqlIn } from '@app/persistence';
import type { ContactCipher } from '../crypto/contact-cipher';
import { decryptContact, fileNameContext } from '../crypto/submission-secrets';
import { allowedNextStatuses } from '../domain/submission-status';

const iso = (value: Date | string): string => new Date(value).toISOString();

/** The conversation as the submitter and the desk see it, oldest first. */
export async function messagesOf(em: EntityManager, submissionId: string): Promise<SubmissionMessageView[]> {
  const rows = await sqlIn(em)<{ author: MessageAuthor; text: string; created_at: Date }[]>(
    `select author, text, created_at from reporter.message where submission_id = ? order by created_at, id`,
    [submissionId],
  );
  return rows.map((row) => ({ at: iso(row.created_at), from: row.author, text: row.text }));
}

export interface SubmissionRow {
  id: string;
  status: SubmissionStatus;
  locale: SubmissionLocale;
  category: SubmissionCategory | null;
  title: string;
  body: string;
  contact_name: string;
  contact_email: string | null;
  contact_phone: string | null;
  contact_location: string | null;
  assignee_id: string | null;
  version: number;
  received_at: Date;
  updated_at: Date;
}

export async function submissionRow(
  em: EntityManager,
  id: string,
  lock = false,
): Promise<SubmissionRow | undefined> {
  const rows = await sqlIn(em)<SubmissionRow[]>(
    `select id, status, locale, category, title, body, contact_name, contact_email, contact_phone,
            contact_location, assignee_id, version, received_at, updated_at
       from reporter.submission where id = ?${lock ? ' for update' : ''}`,
    [id],
  );
  return rows[0];
}

/** Everything the desk shows of one submission, contact data decrypted. */
export async function deskView(
  em: EntityManager,
  cipher: ContactCipher,
  row: SubmissionRow,
): Promise<DeskSubmissionView> {
  const run = sqlIn(em);
  const attachments = await run<
    {
      id: string;
      kind: AttachmentKind;
      file_name: string;
      size_bytes: string;
      warning: AttachmentWarning | null;
    }[]
  >(
    `select id, kind, file_name, size_bytes, warning from reporter.attachment
        where submission_id = ? order by file_index`,
    [row.id],
  );
  const notes = await run<{ id: string; staff_id: string; text: string; created_at: Date }[]>(
    `select id, staff_id, text, created_at from reporter.note where submission_id = ? order by created_at, id`,
    [row.id],
  );
  const history = await run<
    { staff_id: string; from_status: SubmissionStatus; to_status: SubmissionStatus; created_at: Date }[]
  >(
    `select staff_id, from_status, to_status, created_at from reporter.transition
        where submission_id = ? order by created_at, id`,
    [row.id],
  );
  const messages = await messagesOf(em, row.id);
  const contact = decryptContact(cipher, row.id, {
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    contactLocation: row.contact_location,
  });
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    category: row.category,
    locale: row.locale,
    status: row.status,
    allowedNext: [...allowedNextStatuses(row.status)],
    assigneeId: row.assignee_id,
    receivedAt: iso(row.received_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
    contact,
    attachments: attachments.map((file) => ({
      id: file.id,
      kind: file.kind,
      fileName: cipher.decrypt(file.file_name, fileNameContext(file.id)),
      sizeBytes: Number(file.size_bytes),
      ...(file.warning ? { warning: file.warning } : {}),
    })),
    messages,
    notes: notes.map((note) => ({
      id: note.id,
      at: iso(note.created_at),
      staffId: note.staff_id,
      text: note.text,
    })),
    history: history.map((step) => ({
      at: iso(step.created_at),
      staffId: step.staff_id,
      from: step.from_status,
      to: step.to_status,
    })),
  };
}
