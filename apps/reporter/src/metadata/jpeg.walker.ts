import { orientationOnlyTiff, readOrientation } from './exif-orientation';
import { RemovedMetadata, FormatWalker, StripStep } from './format-walker';

const EXIF_ID = Buffer.from('Exif\0\0', 'latin1');
const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;

/**
 * Keeps a JPEG's picture and drops what describes where, when and by whom it was taken: APP1 (EXIF, XMP),
 * APP13 (Photoshop IRB with IPTC), COM, APP2 multi-picture data, vendor APPn (maker notes, C2PA, depth
 * maps) and anything after the end marker (appended previews). Kept, because decoding needs them:
 * APP0 JFIF (without its thumbnail), APP2 ICC profiles, APP14 Adobe colour transform, and every
 * table, frame and scan. EXIF orientation survives as a minimal EXIF block of that one tag.
 */
export class JpegWalker extends FormatWalker {
  private state: 'start' | 'markers' | 'scan' | 'done' = 'start';

  constructor() {
    super('JPEG');
  }

  next(front: Buffer): StripStep {
    switch (this.state) {
      case 'start':
        if (front.length < 2) return { kind: 'need', bytes: 2 };
        if (front[0] !== 0xff || front[1] !== SOI) throw this.malformed('no start-of-image marker');
        this.state = 'markers';
        return { kind: 'pass', bytes: 2 };
      case 'scan':
        return this.scanData(front);
      case 'markers':
        return this.segment(front);
      case 'done':
        return { kind: 'end' };
    }
  }

  /** Entropy-coded data runs until a 0xFF that is neither stuffing (FF 00) nor a restart marker (FF D0–D7). */
  private scanData(front: Buffer): StripStep {
    let at = front.indexOf(0xff);
    while (at >= 0) {
      if (at + 1 >= front.length) return at === 0 ? { kind: 'need', bytes: 2 } : { kind: 'pass', bytes: at };
      const following = front[at + 1];
      if (following !== 0x00 && !(following >= 0xd0 && following <= 0xd7) && following !== 0xff) {
        this.state = 'markers';
        return at === 0 ? this.segment(front) : { kind: 'pass', bytes: at };
      }
      at = front.indexOf(0xff, at + 1);
    }
    return { kind: 'pass', bytes: front.length };
  }

  private segment(front: Buffer): StripStep {
    if (front.length < 2) return { kind: 'need', bytes: 2 };
    if (front[0] !== 0xff) throw this.malformed('a segment does not start with a marker');
    const marker = front[1];
    if (marker === 0xff) return { kind: 'pass', bytes: 1 }; // fill byte before a marker
    if (marker === EOI) {
      this.state = 'done';
      return { kind: 'pass', bytes: 2 };
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) return { kind: 'pass', bytes: 2 };
    if (front.length < 4) return { kind: 'need', bytes: 4 };
    const total = 2 + front.readUInt16BE(2);
    if (total < 4) throw this.malformed('a segment is shorter than its header');
    if (marker === SOS) {
      this.state = 'scan';
      return { kind: 'pass', bytes: total };
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (!isApp && marker !== COM) return { kind: 'pass', bytes: total };
    // Enough of the segment to read its identifier; all of it for EXIF, to find the orientation.
    const idBytes = Math.min(total, 4 + 32);
    if (front.length < idBytes) return { kind: 'need', bytes: idBytes };
    const id = front.subarray(4, idBytes);
    if (marker === 0xe1 && startsWith(id, EXIF_ID)) {
      if (front.length < total) return { kind: 'need', bytes: total };
      return this.replaceExif(front.subarray(4 + EXIF_ID.length, total), total);
    }
    if (marker === 0xe0 && startsWith(id, 'JFIF\0') && total >= 18)
      return this.jfifWithoutThumbnail(front, total);
    if (marker === 0xe2 && startsWith(id, 'ICC_PROFILE\0')) return { kind: 'pass', bytes: total };
    if (marker === 0xee && startsWith(id, 'Adobe')) return { kind: 'pass', bytes: total };
    this.removed.add(removedKind(marker, id));
    return { kind: 'skip', bytes: total };
  }

  private replaceExif(tiff: Buffer, total: number): StripStep {
    // Only the first EXIF block counts, as readers take it; a later one is dropped whole.
    const first = !this.removed.has('exif');
    this.removed.add('exif');
    const orientation = readOrientation(tiff);
    if (orientation === 1 || !first) return { kind: 'skip', bytes: total };
    this.orientation = orientation;
    const body = Buffer.concat([EXIF_ID, orientationOnlyTiff(orientation)]);
    const header = Buffer.from([0xff, 0xe1, 0, 0]);
    header.writeUInt16BE(body.length + 2, 2);
    return { kind: 'replace', consume: total, with: Buffer.concat([header, body]) };
  }

  /** JFIF's own header is needed by some decoders; its optional RGB thumbnail is a second, uncleaned picture. */
  private jfifWithoutThumbnail(front: Buffer, total: number): StripStep {
    if (front.length < 18) return { kind: 'need', bytes: 18 };
    if (front[16] === 0 && front[17] === 0) return { kind: 'pass', bytes: total };
    this.removed.add('thumbnail');
    const kept = Buffer.from(front.subarray(0, 20 - 2));
    kept.writeUInt16BE(16, 2);
    kept[16] = 0;
    kept[17] = 0;
    return { kind: 'replace', consume: total, with: kept };
  }
}

function startsWith(bytes: Buffer, prefix: Buffer | string): boolean {
  const expected = typeof prefix === 'string' ? Buffer.from(prefix, 'latin1') : prefix;
  return bytes.length >= expected.length && bytes.subarray(0, expected.length).equals(expected);
}

function removedKind(marker: number, id: Buffer): RemovedMetadata {
  if (marker === COM) return 'comment';
  if (marker === 0xe1 && startsWith(id, 'http://ns.adobe.com/')) return 'xmp';
  if (marker === 0xed) return 'iptc';
  return 'vendor_data';
}
