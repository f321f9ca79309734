import { FileKind, sniffFileKind, SNIFF_BYTES } from '../domain/file-kind';
import { FormatWalker, MalformedFileError, MetadataReport, StripStep } from '../metadata/format-walker';
import { walkerFor } from '../metadata/metadata-stripper';
import { MetadataStripper } from '../metadata/metadata-stripper.transform';

/** A file whose bytes are none of the accepted kinds (a 415 naming the file). */
export class UnsupportedFileKindError extends Error {
  constructor(readonly fileName: string) {
    super(`file ${JSON.stringify(fileName)} is not a JPEG, PNG, WebP, GIF, MP4 or PDF`);
    this.name = 'UnsupportedFileKindError';
  }
}

/** Reads the first bytes to learn the file's kind, then hands the rest to that kind's walker. */
class SniffingWalker extends FormatWalker {
  private inner: FormatWalker | undefined;
  kind: FileKind | undefined;

  constructor(private readonly fileName: string) {
    super('file');
  }

  next(front: Buffer, atEnd: boolean): StripStep {
    if (!this.inner) {
      if (front.length < SNIFF_BYTES && !atEnd) return { kind: 'need', bytes: SNIFF_BYTES };
      const kind = sniffFileKind(front);
      if (!kind) throw new UnsupportedFileKindError(this.fileName);
      this.kind = kind;
      this.inner = walkerFor(kind);
    }
    return this.inner.next(front, atEnd);
  }

  override get report(): MetadataReport {
    return this.inner ? this.inner.report : super.report;
  }

  override takeQueued(): StripStep | undefined {
    return this.inner?.takeQueued();
  }

  override noteTrailer(): void {
    this.inner?.noteTrailer();
  }

  override malformed(reason: string): MalformedFileError {
    return this.inner ? this.inner.malformed(reason) : super.malformed(reason);
  }
}

/**
 * One file of a submission on its way to storage: its kind read from its bytes (a file of no accepted
 * kind fails the stream before any of it goes further) and its metadata removed as it passes. Put it
 * after an IntakeLimitTransform; `kind` and `report` are final once the stream has ended.
 */
export class AttachmentCleaner extends MetadataStripper {
  private readonly sniffer: SniffingWalker;

  constructor(fileName: string) {
    const sniffer = new SniffingWalker(fileName);
    super(sniffer);
    this.sniffer = sniffer;
  }

  get kind(): FileKind | undefined {
    return this.sniffer.kind;
  }
}
