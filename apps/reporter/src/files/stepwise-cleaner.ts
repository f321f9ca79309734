import { createHash } from 'node:crypto';
import type { TransformCallback } from 'node:stream';
import type { AttachmentWarning } from '@app/contracts';
import type { FileKind } from '../domain/file-kind';
import { IntakeBudget } from '../domain/intake-limits';
import { AttachmentCleaner } from './attachment-cleaner';

/**
 * One file of an upload, cleaned message by message: each chunk is counted against the submission's
 * budget (IntakeLimitError at the byte that passes a limit), hashed as received, and run through the
 * AttachmentCleaner's steps directly, returning the cleaned bytes at once. The chunk protocol answers a
 * message only when its bytes are cleaned and stored, so the buffering a stream pipe adds is not
 * wanted here; the cleaner's own steps are synchronous.
 */
export class StepwiseCleaner {
  private readonly cleaner: AttachmentCleaner;
  private readonly hash = createHash('sha256');
  private output: Buffer[] = [];
  private received = 0;

  constructor(
    readonly fileName: string,
    private readonly budget: IntakeBudget,
  ) {
    budget.startFile(fileName);
    this.cleaner = new AttachmentCleaner(fileName);
    this.cleaner.push = (chunk: unknown): boolean => {
      if (Buffer.isBuffer(chunk) && chunk.length > 0) this.output.push(chunk);
      return true;
    };
  }

  get receivedBytes(): number {
    return this.received;
  }

  /** The cleaned bytes this chunk lets out (possibly none: a segment may still be held). */
  push(bytes: Buffer): Buffer {
    this.budget.addBytes(this.fileName, bytes.length, this.received + bytes.length);
    this.received += bytes.length;
    this.hash.update(bytes);
    if (bytes.length > 0)
      this.step((done) => this.cleaner._transform(bytes, 'buffer' as BufferEncoding, done));
    return this.take();
  }

  /** The last cleaned bytes; throws when the file ends before its format does. */
  finish(): Buffer {
    this.step((done) => this.cleaner._flush(done));
    return this.take();
  }

  get kind(): FileKind | undefined {
    return this.cleaner.kind;
  }

  get warning(): AttachmentWarning | undefined {
    return this.cleaner.report.warnings.includes('metadata_not_removed') ? 'metadata_not_removed' : undefined;
  }

  /** SHA-256 (hex) of the bytes received; final after `finish`. */
  digest(): string {
    return this.hash.copy().digest('hex');
  }

  private step(run: (done: TransformCallback) => void): void {
    let failure: Error | undefined;
    let called = false;
    run((error) => {
      called = true;
      failure = error ?? undefined;
    });
    if (failure) throw failure;
    if (!called) throw new Error('the cleaner did not finish a step synchronously');
  }

  private take(): Buffer {
    const out = this.output.length === 1 ? this.output[0] : Buffer.concat(this.output);
    this.output = [];
    return out;
  }
}
