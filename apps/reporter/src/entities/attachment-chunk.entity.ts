import { BlobType, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** About 256 KiB of a cleaned file, in order; read back by offset. */
@Entity({ tableName: 'attachment_chunk' })
export class AttachmentChunk {
  @PrimaryKey({ type: 'uuid' })
  attachmentId!: string;

  @PrimaryKey({ type: 'integer' })
  seq!: number;

  @Property({ type: 'bigint' })
  offsetBytes!: string;

  @Property({ type: BlobType, columnType: 'bytea' })
  data!: Buffer;
}
