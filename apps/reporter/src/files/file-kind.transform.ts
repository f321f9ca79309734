import { Transform, TransformCallback } from 'node:stream';
import { FileKind, sniffFileKind, SNIFF_BYTES } from '../domain/file-kind';

/** A file whose bytes are none of the accepted kinds (a 415 naming the file). */
export class UnsupportedFileKindError extends Error {
  constructor(readonly fileName: string) {
    super(`file ${JSON.stringify(fileName)} is not a JPEG, PNG, WebP, GIF, MP4 or PDF`);
    this.name = 'UnsupportedFileKindError';
  }
}

/**
 * Holds back a file's first bytes until they tell its kind, then passes everything on; a file of no
 * accepted kind fails the stream before any of its bytes go further. `kind` resolves with the decision.
 */
export class FileKindGate extends Transform {
  private head: Buffer[] = [];
  private headBytes = 0;
  private decided: FileKind | undefined;
  private resolveKind!: (kind: FileKind) => void;
  private rejectKind!: (error: Error) => void;
  readonly kind: Promise<FileKind>;

  constructor(private readonly fileName: string) {
    super();
    this.kind = new Promise<FileKind>((resolve, reject) => {
      this.resolveKind = resolve;
      this.rejectKind = reject;
    });
    // The stream's own error reaches the caller; this keeps an unawaited `kind` from crashing the process.
    this.kind.catch(() => undefined);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.decided) {
      callback(null, chunk);
      return;
    }
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < SNIFF_BYTES) {
      callback();
      return;
    }
    this.decide(callback);
  }

  override _flush(callback: TransformCallback): void {
    if (this.decided) {
      callback();
      return;
    }
    this.decide(callback);
  }

  override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
    if (!this.decided)
      this.rejectKind(error ?? new Error(`file ${JSON.stringify(this.fileName)} ended early`));
    callback(error);
  }

  private decide(callback: TransformCallback): void {
    const held = Buffer.concat(this.head);
    this.head = [];
    const kind = sniffFileKind(held);
    if (!kind) {
      const error = new UnsupportedFileKindError(this.fileName);
      this.rejectKind(error);
      callback(error);
      return;
    }
    this.decided = kind;
    this.resolveKind(kind);
    callback(null, held);
  }
}
