import { FormatWalker, StripStep } from './format-walker';

/** Chunks that make up the picture; EXIF, XMP and anything unknown are blanked. */
const KEPT = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

/**
 * WebP keeps EXIF and XMP in their own RIFF chunks, usually after the image data, while the RIFF header
 * at the start states the file's size. To stay streaming (no whole file in memory) a removed chunk is
 * not cut out but turned into a `JUNK` chunk of the same size filled with zeros, which decoders skip
 * (WebP container spec: unknown chunks are ignored), and VP8X's flags stop announcing EXIF and XMP.
 * The EXIF orientation is not kept: WebP decoders do not apply it, so the picture shows as before.
 */
export class WebpWalker extends FormatWalker {
  private seenHeader = false;

  constructor() {
    super('WebP');
  }

  next(front: Buffer, atEnd: boolean): StripStep {
    if (!this.seenHeader) {
      if (front.length < 12) return { kind: 'need', bytes: 12 };
      if (front.toString('latin1', 0, 4) !== 'RIFF' || front.toString('latin1', 8, 12) !== 'WEBP') {
        throw this.malformed('no RIFF WEBP header');
      }
      this.seenHeader = true;
      return { kind: 'pass', bytes: 12 };
    }
    if (front.length === 0 && atEnd) return { kind: 'end' };
    if (front.length < 8) return { kind: 'need', bytes: 8 };
    const type = front.toString('latin1', 0, 4);
    const size = front.readUInt32LE(4);
    const total = 8 + size + (size % 2);
    if (type === 'VP8X') {
      if (front.length < 18) return { kind: 'need', bytes: 18 };
      const chunk = Buffer.from(front.subarray(0, 18));
      if (chunk[8] & (VP8X_EXIF | VP8X_XMP)) {
        chunk[8] &= ~(VP8X_EXIF | VP8X_XMP);
        this.removed.add(front[8] & VP8X_EXIF ? 'exif' : 'xmp');
      }
      return { kind: 'replace', consume: 18, with: chunk };
    }
    if (KEPT.has(type)) return { kind: 'pass', bytes: total };
    this.removed.add(type === 'EXIF' ? 'exif' : type === 'XMP ' ? 'xmp' : 'vendor_data');
    const junk = Buffer.alloc(8);
    junk.write('JUNK', 0, 'latin1');
    junk.writeUInt32LE(size, 4);
    this.thenDo({ kind: 'blank', bytes: total - 8 });
    return { kind: 'replace', consume: 8, with: junk };
  }
}
