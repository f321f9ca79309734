/** What metadata was taken out of a file, for the moderator's view and for tests. */
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

/** The next thing a format's walker wants done with the bytes at the front of the stream. */
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
 * The rules of one format, apart from the stream mechanics: given the bytes at the front, say what to
 * do with them. Pure enough to reason about; `MetadataStripper` runs it over a stream.
 */
export abstract class FormatWalker implements MetadataReport {
  readonly removed = new Set<RemovedMetadata>();
  readonly warnings: AttachmentWarning[] = [];
  orientation = 1;
  private readonly queued: StripStep[] = [];

  constructor(readonly format: string) {}

  /** Decides on the bytes at the front; `atEnd` is true once no more bytes will come. */
  abstract next(front: Buffer, atEnd: boolean): StripStep;

  get report(): MetadataReport {
    return { removed: this.removed, warnings: this.warnings, orientation: this.orientation };
  }

  /** Bytes after the format's end were dropped. */
  noteTrailer(): void {
    this.removed.add('trailer');
  }

  /** A step queued to follow the one just returned, taken before `next` is asked again. */
  takeQueued(): StripStep | undefined {
    return this.queued.shift();
  }

  /** Queues a step right after the one being returned (e.g. blank a part's body after its new header). */
  protected thenDo(step: StripStep): void {
    this.queued.push(step);
  }

  protected warn(warning: AttachmentWarning): void {
    if (!this.warnings.includes(warning)) this.warnings.push(warning);
  }

  malformed(reason: string): MalformedFileError {
    return new MalformedFileError(this.format, reason);
  }
}
