import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Where the cleaned bytes of attachments live. The service keeps every file's metadata (kind, size,
 * owner, name) in its own tables and asks this port only for bytes, so PostgreSQL chunks and an object
 * store are interchangeable behind it.
 */
export interface AttachmentStorage {
  /** Starts storing a staged file; its bytes arrive in order through the writer. */
  openWriter(attachmentId: string): AttachmentWriter;
  /** At most `length` bytes from `offset` (fewer at the end of the file, none past it). */
  readRange(attachmentId: string, offset: number, length: number): Promise<Buffer>;
  /**
   * Removes the bytes of files whose rows `within` (a transaction) has just deleted. The PostgreSQL
   * store deletes in that transaction, so rows and bytes go together; a store outside the database
   * deletes at once (call it last in the transaction).
   */
  delete(attachmentIds: readonly string[], within?: EntityManager): Promise<void>;
}

export interface AttachmentWriter {
  /**
   * Appends cleaned bytes. Resolves false when the file is no longer wanted (its upload was aborted or
   * swept meanwhile): the caller stops and answers that the upload is gone.
   */
  append(bytes: Buffer): Promise<boolean>;
  /** Stores what is still held; resolves false like `append`. Returns the file's stored size via `bytesWritten`. */
  finish(): Promise<boolean>;
  readonly bytesWritten: number;
}

export const ATTACHMENT_STORAGE = Symbol('AttachmentStorage');
