import { createHash } from 'node:crypto';
import { headers as natsHeaders, NatsConnection } from 'nats';
import {
  ATTACHMENT_READ_HEADERS,
  ATTACHMENT_READ_SUBJECT,
  Caller,
  encodeHeaderValue,
  INTAKE_CHUNK_HEADERS,
  INTAKE_CHUNK_MAX_BYTES,
  IntakeChunkReply,
  RAW_REPLY_ERROR_HEADER,
  StagedAttachmentView,
  WireError,
} from '@app/contracts';
import { NatsNamespace, RemoteError } from '@app/messaging';

export interface UploadFile {
  name: string;
  bytes: Buffer;
}

/**
 * The gateway's side of the raw binary protocol, as small as a test needs: a file sent chunk by chunk
 * to the copy that opened the intake (one outstanding chunk at a time), and attachment reads.
 */
export class ChunkClient {
  constructor(
    private readonly nc: NatsConnection,
    private readonly namespace: NatsNamespace,
  ) {}

  async sendFile(
    chunkSubject: string,
    intakeId: string,
    fileIndex: number,
    file: UploadFile,
    chunkBytes = 64 * 1024,
  ): Promise<StagedAttachmentView> {
    let seq = 0;
    for (let offset = 0; ; offset += chunkBytes) {
      const piece = file.bytes.subarray(offset, offset + chunkBytes);
      const last = offset + chunkBytes >= file.bytes.length;
      const reply = await this.sendChunk(chunkSubject, {
        intakeId,
        fileIndex,
        fileName: file.name,
        seq,
        last,
        data: piece,
      });
      seq += 1;
      if (last) return reply.attachment!;
    }
  }

  async sendChunk(
    chunkSubject: string,
    chunk: {
      intakeId: string;
      fileIndex: number;
      fileName?: string;
      seq: number;
      last: boolean;
      data: Buffer;
    },
  ): Promise<IntakeChunkReply> {
    const headers = natsHeaders();
    headers.set(INTAKE_CHUNK_HEADERS.intakeId, chunk.intakeId);
    headers.set(INTAKE_CHUNK_HEADERS.fileIndex, String(chunk.fileIndex));
    headers.set(INTAKE_CHUNK_HEADERS.chunkSeq, String(chunk.seq));
    if (chunk.fileName !== undefined)
      headers.set(INTAKE_CHUNK_HEADERS.fileName, encodeHeaderValue(chunk.fileName));
    if (chunk.last) headers.set(INTAKE_CHUNK_HEADERS.fileEnd, '1');
    const reply = await this.nc.request(chunkSubject, chunk.data, { headers, timeout: 30000 });
    const body = JSON.parse(Buffer.from(reply.data).toString('utf8')) as IntakeChunkReply | WireError;
    if (reply.headers?.get(RAW_REPLY_ERROR_HEADER) === '1') throw new RemoteError(body as WireError);
    return body as IntakeChunkReply;
  }

  /** A whole attachment, read range by range as the gateway streams it. */
  async readAttachment(
    caller: Caller,
    submissionId: string,
    attachmentId: string,
  ): Promise<{ bytes: Buffer; kind: string; fileName: string }> {
    const parts: Buffer[] = [];
    let offset = 0;
    for (;;) {
      const reply = await this.nc.request(
        this.namespace.subject(ATTACHMENT_READ_SUBJECT),
        Buffer.from(JSON.stringify({ caller, submissionId, attachmentId, offset })),
        { timeout: 30000 },
      );
      if (reply.headers?.get(RAW_REPLY_ERROR_HEADER) === '1') {
        throw new RemoteError(JSON.parse(Buffer.from(reply.data).toString('utf8')) as WireError);
      }
      const total = Number(reply.headers!.get(ATTACHMENT_READ_HEADERS.totalBytes));
      parts.push(Buffer.from(reply.data));
      offset += reply.data.length;
      if (offset >= total || reply.data.length === 0) {
        return {
          bytes: Buffer.concat(parts),
          kind: reply.headers!.get(ATTACHMENT_READ_HEADERS.contentKind),
          fileName: decodeURIComponent(reply.headers!.get(ATTACHMENT_READ_HEADERS.fileName)),
        };
      }
    }
  }
}

export const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

/** What the gateway would compute: the fields and the files' digests, in order. */
export function fingerprintOf(fields: object, fileDigests: string[]): string {
  return sha256(JSON.stringify({ fields, files: fileDigests }));
}

export const MAX_CHUNK = INTAKE_CHUNK_MAX_BYTES;
