import { FormatWalker, StripStep } from './format-walker';

/** Boxes whose children are walked, to reach the metadata inside and the tracks' handler types. */
const CONTAINERS = new Set(['moov', 'trak', 'mdia']);
/**
 * User data (Apple's ©xyz location, ©ART author, camera make and model), `meta` (QuickTime keys such as
 * com.apple.quicktime.location.ISO6709) and `uuid` boxes (XMP lives in one) are blanked.
 */
const BLANKED = new Set(['udta', 'meta', 'uuid']);

/**
 * Cleans an MP4 without moving a byte: every sample is found through absolute offsets (stco/co64), so
 * a metadata box is not cut out but renamed `free` (which players skip) and filled with zeros. What
 * cannot be removed this way is a timed metadata track (handler `meta`), whose samples, such as a
 * location per frame, sit in `mdat` among the video's own: such a file carries a
 * 'metadata_not_removed' warning for the moderator.
 */
export class Mp4Walker extends FormatWalker {
  private position = 0;
  /** Absolute end offsets of the containers being walked, innermost last. */
  private readonly open: number[] = [];

  constructor() {
    super('MP4');
  }

  next(front: Buffer, atEnd: boolean): StripStep {
    while (this.open.length > 0 && this.position >= this.open[this.open.length - 1]) this.open.pop();
    if (front.length === 0 && atEnd && this.open.length === 0) return { kind: 'end' };
    if (front.length < 8) return { kind: 'need', bytes: 8 };
    let size = front.readUInt32BE(0);
    const type = front.toString('latin1', 4, 8);
    let headerBytes = 8;
    if (size === 1) {
      if (front.length < 16) return { kind: 'need', bytes: 16 };
      size = Number(front.readBigUInt64BE(8));
      headerBytes = 16;
    } else if (size === 0) {
      if (this.open.length > 0) throw this.malformed('a box inside another runs to the end of the file');
      return this.advance({ kind: 'pass', bytes: Infinity });
    }
    if (size < headerBytes || !Number.isSafeInteger(size))
      throw this.malformed(`the ${type} box has a bad size`);
    const enclosing = this.open[this.open.length - 1];
    if (enclosing !== undefined && this.position + size > enclosing) {
      throw this.malformed(`the ${type} box runs past its parent`);
    }
    if (CONTAINERS.has(type)) {
      this.open.push(this.position + size);
      return this.advance({ kind: 'pass', bytes: headerBytes });
    }
    if (type === 'hdlr' && this.open.length > 0) {
      // version/flags (4), pre_defined (4), then the handler type.
      if (front.length < headerBytes + 12) return { kind: 'need', bytes: headerBytes + 12 };
      const handler = front.toString('latin1', headerBytes + 8, headerBytes + 12);
      if (handler === 'meta') this.warn('metadata_not_removed');
      return this.advance({ kind: 'pass', bytes: size });
    }
    if (BLANKED.has(type)) {
      this.removed.add(type === 'uuid' ? 'xmp' : 'vendor_data');
      const header = Buffer.from(front.subarray(0, headerBytes));
      header.write('free', 4, 'latin1');
      this.thenDo({ kind: 'blank', bytes: size - headerBytes });
      this.position += size;
      return { kind: 'replace', consume: headerBytes, with: header };
    }
    return this.advance({ kind: 'pass', bytes: size });
  }

  private advance(step: { kind: 'pass'; bytes: number }): StripStep {
    this.position += step.bytes;
    return step;
  }
}
