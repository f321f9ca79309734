/**
 * The raw binary messages of the reporter (not rpcOperations): file chunks sent to the copy holding an
 * intake, and attachment reads answered by any copy. Subjects here are without the deployment prefix
 * (NatsNamespace adds it), except the `chunkSubject` a beginIntake reply gives, which is used as given.
 */

/** Queue-grouped (`reporter`): any copy answers `{ caller, submissionId, attachmentId, offset }`. */
export const ATTACHMENT_READ_SUBJECT = 'reporter.attachment.read';

/** The subject only one copy of the service listens on for chunks, before the prefix. */
export function intakeChunkSubject(instanceId: string): string {
  return `reporter.intake.${instanceId}.chunk`;
}

/** Largest payload of one chunk message and of one attachment-read reply, in bytes. */
export const INTAKE_CHUNK_MAX_BYTES = 256 * 1024;

/** Headers of a chunk message. */
export const INTAKE_CHUNK_HEADERS = {
  intakeId: 'Intake-Id',
  /** 0-based; files are sent one after the other. */
  fileIndex: 'File-Index',
  /** As the sender named it, percent-encoded (`encodeHeaderValue`); for messages only, never trusted. */
  fileName: 'File-Name',
  /** 0-based per file; one outstanding chunk at a time (the reply is the back-pressure). */
  chunkSeq: 'Chunk-Seq',
  /** `1` on the last chunk of a file, which may carry zero bytes. */
  fileEnd: 'File-End',
} as const;

/** Headers of an attachment-read reply (its payload: at most INTAKE_CHUNK_MAX_BYTES from `offset`). */
export const ATTACHMENT_READ_HEADERS = {
  totalBytes: 'Total-Bytes',
  /** An AttachmentKind (`jpeg`, `pdf`...); ATTACHMENT_MEDIA_TYPES gives its media type. */
  contentKind: 'Content-Kind',
  /** Percent-encoded like the chunk header. */
  fileName: 'File-Name',
} as const;

/**
 * Set (`1`) on a raw reply whose payload is a JSON WireError instead of bytes. Chunk replies are JSON
 * either way and carry it too, so both kinds of raw reply are read the same way.
 */
export const RAW_REPLY_ERROR_HEADER = 'Reply-Error';

/** NATS header values are ASCII: a file name travels percent-encoded (UTF-8). */
export function encodeHeaderValue(value: string): string {
  return encodeURIComponent(value);
}

export function decodeHeaderValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
