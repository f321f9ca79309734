import { EntityManager } from '@mikro-orm/postgresql';
import { INTAKE_CHUNK_MAX_BYTES } from '@app/contracts';
import { sqlIn } from '@app/persistence';
import { AttachmentStorage, AttachmentWriter } from './attachment-storage';

/** Bytes per stored row: large enough that a 20 MiB file is 80 rows, small enough to read one at a time. */
export const STORED_CHUNK_BYTES = INTAKE_CHUNK_MAX_BYTES;

/**
 * Files as rows of `attachment_chunk` (bytea, STORED_CHUNK_BYTES each, in order). Fine for a
 * newsroom's volume and needs nothing but the database; see README "Attachments storage" for when an
 * object store is the better choice behind the same port.
 */
export class PostgresAttachmentStorage implements AttachmentStorage {
  constructor(private readonly em: EntityManager) {}

  openWriter(attachmentId: string): AttachmentWriter {
    return new PostgresChunkWriter(this.em, attachmentId);
  }

  async readRange(attachmentId: string, offset: number, length: number): Promise<Buffer> {
    const rows = await this.em
      .fork()
      .getConnection()
      .execute<{ offset_bytes: string; data: Buffer }[]>(
        `select offset_bytes, data from reporter.attachment_chunk
        where attachment_id = ? and offset_bytes < ? and offset_bytes + length(data) > ?
        order by seq`,
        [attachmentId, offset + length, offset],
      );
    const parts = rows.map((row) => {
      const start = Math.max(0, offset - Number(row.offset_bytes));
      return row.data.subarray(start, start + length);
    });
    return Buffer.concat(parts).subarray(0, length);
  }

  async delete(attachmentIds: readonly string[], within?: EntityManager): Promise<void> {
    if (attachmentIds.length === 0) return;
    await sqlIn(within ?? this.em.fork())(
      `delete from reporter.attachment_chunk where attachment_id = any(?::uuid[])`,
      [`{${attachmentIds.join(',')}}`],
    );
  }
}

class PostgresChunkWriter implements AttachmentWriter {
  private held: Buffer[] = [];
  private heldBytes = 0;
  private seq = 0;
  private written = 0;

  constructor(
    private readonly em: EntityManager,
    private readonly attachmentId: string,
  ) {}

  get bytesWritten(): number {
    return this.written + this.heldBytes;
  }

  async append(bytes: Buffer): Promise<boolean> {
    if (bytes.length > 0) {
      this.held.push(bytes);
      this.heldBytes += bytes.length;
    }
    while (this.heldBytes >= STORED_CHUNK_BYTES) {
      // Chunks usually arrive whole: store them as they are instead of copying them first.
      const all = this.held.length === 1 ? this.held[0] : Buffer.concat(this.held);
      if (!(await this.store(all.subarray(0, STORED_CHUNK_BYTES)))) return false;
      const rest = all.subarray(STORED_CHUNK_BYTES);
      this.held = rest.length > 0 ? [rest] : [];
      this.heldBytes = rest.length;
    }
    return true;
  }

  async finish(): Promise<boolean> {
    if (this.heldBytes === 0) return true;
    const last = Buffer.concat(this.held);
    this.held = [];
    this.heldBytes = 0;
    return this.store(last);
  }

  /**
   * One row, written only while the attachment row exists: the statement takes a key-share lock on it,
   * so an abort or a sweep deleting the attachment either waits for this row (and deletes it after) or
   * has already deleted the attachment (and nothing is written).
   */
  private async store(data: Buffer): Promise<boolean> {
    // sqlIn binds its parameters: the bytes travel as one binary parameter, never as escaped text.
    const rows = await sqlIn(this.em.fork())<{ seq: number }[]>(
      `insert into reporter.attachment_chunk (attachment_id, seq, offset_bytes, data)
       select a.id, ?, ?, ? from reporter.attachment a where a.id = ? for key share
       returning seq`,
      [this.seq, this.written, data, this.attachmentId],
    );
    if (rows.length === 0) return false;
    this.seq += 1;
    this.written += data.length;
    return true;
  }
}
