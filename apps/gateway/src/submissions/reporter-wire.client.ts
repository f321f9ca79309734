import { randomUUID } from 'node:crypto';
import { headers as natsHeaders, MsgHdrs, NatsError } from 'nats';
import {
  ATTACHMENT_READ_HEADERS,
  ATTACHMENT_READ_SUBJECT,
  AttachmentKind,
  AttachmentReadRequest,
  decodeHeaderValue,
  encodeHeaderValue,
  INTAKE_CHUNK_HEADERS,
  IntakeChunkReply,
  isWireError,
  RAW_REPLY_ERROR_HEADER,
  REQUEST_ID_HEADER,
  ServiceUnavailableError,
} from '@app/contracts';
import { NatsLink, RemoteError } from '@app/messaging';
import { MetricsRegistry, requestContext } from '@app/runtime';

/** Chunk subjects name the copy holding the intake; metrics count them under one name. */
const CHUNK_METRIC_SUBJECT = 'reporter.intake.chunk';

/** One chunk of a file on its way to the copy holding the intake. */
export interface IntakeChunk {
  intakeId: string;
  fileIndex: number;
  fileName: string;
  chunkSeq: number;
  last: boolean;
  bytes: Uint8Array;
}

/** One slice of a stored attachment, as the service read it. */
export interface AttachmentSlice {
  bytes: Uint8Array;
  totalBytes: number;
  kind: AttachmentKind;
  fileName: string;
}

/**
 * The reporter's raw binary messages (intake.wire.ts): file chunks to the copy holding an intake, and
 * attachment reads from any copy. Bytes travel as they are, not in JSON; every request has the same
 * deadline as the typed operations, and a refusal comes back as the shared WireError.
 */
export class ReporterWireClient {
  constructor(
    private readonly link: NatsLink,
    private readonly timeoutMs: number,
    private readonly metrics?: MetricsRegistry,
  ) {}

  /** Sends one chunk and waits for its reply: one chunk in flight per upload is the back-pressure. */
  async sendChunk(chunkSubject: string, chunk: IntakeChunk): Promise<IntakeChunkReply> {
    const headers = this.headers();
    headers.set(INTAKE_CHUNK_HEADERS.intakeId, chunk.intakeId);
    headers.set(INTAKE_CHUNK_HEADERS.fileIndex, String(chunk.fileIndex));
    headers.set(INTAKE_CHUNK_HEADERS.fileName, encodeHeaderValue(chunk.fileName));
    headers.set(INTAKE_CHUNK_HEADERS.chunkSeq, String(chunk.chunkSeq));
    if (chunk.last) headers.set(INTAKE_CHUNK_HEADERS.fileEnd, '1');
    // The chunk subject is the holding copy's own, prefix included: used as given.
    const message = await this.request(chunkSubject, chunk.bytes, headers, CHUNK_METRIC_SUBJECT);
    const reply = this.json(message.data);
    if (message.headers?.get(RAW_REPLY_ERROR_HEADER) === '1' || isWireError(reply)) throw this.refusal(reply);
    return reply as IntakeChunkReply;
  }

  async readAttachment(request: AttachmentReadRequest): Promise<AttachmentSlice> {
    const payload = new TextEncoder().encode(JSON.stringify(request));
    const message = await this.request(
      this.link.namespace.subject(ATTACHMENT_READ_SUBJECT),
      payload,
      this.headers(),
      ATTACHMENT_READ_SUBJECT,
    );
    if (message.headers?.get(RAW_REPLY_ERROR_HEADER) === '1') throw this.refusal(this.json(message.data));
    const header = (name: string): string => message.headers?.get(name) ?? '';
    return {
      bytes: message.data,
      totalBytes: Number(header(ATTACHMENT_READ_HEADERS.totalBytes)),
      kind: header(ATTACHMENT_READ_HEADERS.contentKind) as AttachmentKind,
      fileName: decodeHeaderValue(header(ATTACHMENT_READ_HEADERS.fileName)),
    };
  }

  private headers(): MsgHdrs {
    const headers = natsHeaders();
    headers.set(REQUEST_ID_HEADER, requestContext.requestId() ?? randomUUID());
    return headers;
  }

  private async request(subject: string, payload: Uint8Array, headers: MsgHdrs, metricSubject: string) {
    const stopTimer = this.metrics?.natsRequestDuration.startTimer({ subject: metricSubject });
    let outcome = 'ok';
    try {
      return await this.link.nc.request(subject, payload, { timeout: this.timeoutMs, headers });
    } catch (error) {
      // No responder (the holding copy is gone), no answer in time, no connection: a 503, never a hang.
      if (error instanceof NatsError) {
        outcome = 'unavailable';
        throw new ServiceUnavailableError('reporter');
      }
      throw error;
    } finally {
      stopTimer?.({ outcome });
    }
  }

  private json(data: Uint8Array): unknown {
    try {
      return JSON.parse(new TextDecoder().decode(data)) as unknown;
    } catch {
      return undefined;
    }
  }

  private refusal(reply: unknown): Error {
    return isWireError(reply) ? new RemoteError(reply) : new ServiceUnavailableError('reporter');
  }
}
