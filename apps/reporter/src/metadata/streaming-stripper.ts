import { Transform, TransformCallback } from 'node:stream';

/** What metadata a stripper took out of a file, for the moderator's view and for tests. */
export type RemovedMetadata =
  'exif' | 'xmp' | 'iptc' | 'comment' | 'text' | 'vendor_data' | 'thumbnail' | 'trailer';

/** What could not be removed without changing the content, shown to the moderator on the attachment. */
export type AttachmentWarning = 'metadata_not_removed';

export interface MetadataReport {
  readonly removed: ReadonlySet<RemovedMetadata>;
  readonly warnings: readonly AttachmentWarning[];
  /** The EXIF orientation kept so the picture still shows upright (1 when none or upright). */
  readonly orientation: number;
}

/** The file does not follow its format's structure, so it cannot be cleaned and must not be stored. */
export class MalformedFileError extends Error {
  constructor(
    readonly format: string,
    reason: string,
  ) {
    super(`not a well-formed ${format}: ${reason}`);
    this.name = 'MalformedFileError';
  }
}

/** The next thing a format's parser wants done with the bytes at the front of the stream. */
export type StripStep =
  | { kind: 'need'; bytes: number }
  /** `bytes` may be Infinity: the rest of the file, as an MP4 box of size 0 declares. */
  | { kind: 'pass'; bytes: number }
  | { kind: 'skip'; bytes: number }
  /** Replace the next bytes by as many zeros, where a container's offsets must not move. */
  | { kind: 'blank'; bytes: number }
  | { kind: 'replace'; consume: number; with: Buffer }
  /** The format's end: whatever follows (appended data, a second file) is dropped. */
  | { kind: 'end' };

/**
 * A Transform that walks a container format as its bytes arrive, passing the parts to keep and dropping
 * the rest, holding back only the few bytes a decision needs (a segment header, an EXIF block of at most
 * 64 KiB): memory stays flat whatever the file's size, and the original bytes are never kept.
 */
export abstract class StreamingStripper extends Transform {
  protected readonly removedParts = new Set<RemovedMetadata>();
  protected readonly warningList: AttachmentWarning[] = [];
  protected keptOrientation = 1;
  private pending: Buffer = Buffer.alloc(0);
  private passing = 0;
  private skipping = 0;
  private blanking = false;
  private readonly queued: StripStep[] = [];
  private ended = false;

  constructor(private readonly format: string) {
    super();
  }

  get report(): MetadataReport {
    return { removed: this.removedParts, warnings: this.warningList, orientation: this.keptOrientation };
  }

  /** Decides on the bytes at the front; `atEnd` is true once no more bytes will come. */
  protected abstract next(front: Buffer, atEnd: boolean): StripStep;

  /** A step to take right after the one being returned (e.g. blank a part's body after rewriting its header). */
  protected thenDo(step: StripStep): void {
    this.queued.push(step);
  }

  protected malformed(reason: string): MalformedFileError {
    return new MalformedFileError(this.format, reason);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.ended) {
      this.removedParts.add('trailer');
      callback();
      return;
    }
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    try {
      this.work(false);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      if (!this.ended) this.work(true);
      if (!this.ended) throw this.malformed('the file ends before its format does');
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  private work(atEnd: boolean): void {
    for (;;) {
      if (this.passing > 0 || this.skipping > 0) {
        const moving = Math.min(this.passing || this.skipping, this.pending.length);
        if (this.passing > 0) {
          this.push(this.pending.subarray(0, moving));
          this.passing -= moving;
        } else {
          if (this.blanking && moving > 0) this.push(Buffer.alloc(moving));
          this.skipping -= moving;
        }
        this.pending = this.pending.subarray(moving);
        if (this.passing > 0 || this.skipping > 0) {
          if (!atEnd) return;
          if (this.passing !== Infinity) throw this.malformed('the file ends inside a part');
          this.ended = true;
          return;
        }
      }
      if (this.ended) return;
      let step = this.queued.shift();
      if (!step) {
        if (this.pending.length === 0 && !atEnd) return;
        step = this.next(this.pending, atEnd);
      }
      switch (step.kind) {
        case 'need':
          if (atEnd) throw this.malformed('the file ends inside a part');
          return;
        case 'pass':
          this.passing = step.bytes;
          break;
        case 'skip':
        case 'blank':
          this.skipping = step.bytes;
          this.blanking = step.kind === 'blank';
          break;
        case 'replace':
          if (step.with.length > 0) this.push(step.with);
          this.pending = this.pending.subarray(step.consume);
          break;
        case 'end':
          if (this.pending.length > 0) this.removedParts.add('trailer');
          this.pending = Buffer.alloc(0);
          this.ended = true;
          return;
      }
    }
  }
}
