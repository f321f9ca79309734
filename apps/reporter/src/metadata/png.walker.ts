import { crc32 } from 'node:zlib';
import { orientationOnlyTiff, readOrientation } from './exif-orientation';
import { RemovedMetadata, FormatWalker, StripStep } from './format-walker';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Chunks that decide how the picture looks (the critical ones, transparency, colour, gamma, density,
 * APNG animation). Everything else goes: eXIf, tEXt/zTXt/iTXt (XMP lives in iTXt), tIME, and private
 * chunks such as C2PA's caBX, whose contents we cannot vouch for.
 */
const KEPT = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP',
  'cICP',
  'mDCV',
  'cLLI',
  'sBIT',
  'bKGD',
  'pHYs',
  'acTL',
  'fcTL',
  'fdAT',
]);

/** EXIF blocks larger than this are dropped without looking for an orientation in them. */
const MAX_EXIF_READ = 64 * 1024;

export class PngWalker extends FormatWalker {
  private seenSignature = false;
  private done = false;

  constructor() {
    super('PNG');
  }

  next(front: Buffer): StripStep {
    if (this.done) return { kind: 'end' };
    if (!this.seenSignature) {
      if (front.length < 8) return { kind: 'need', bytes: 8 };
      if (!front.subarray(0, 8).equals(SIGNATURE)) throw this.malformed('no PNG signature');
      this.seenSignature = true;
      return { kind: 'pass', bytes: 8 };
    }
    if (front.length < 8) return { kind: 'need', bytes: 8 };
    const length = front.readUInt32BE(0);
    if (length > 0x7fffffff) throw this.malformed('a chunk is longer than PNG allows');
    const type = front.toString('latin1', 4, 8);
    if (!/^[A-Za-z]{4}$/.test(type)) throw this.malformed('a chunk type is not four letters');
    const total = 12 + length;
    if (type === 'IEND') this.done = true;
    if (KEPT.has(type)) return { kind: 'pass', bytes: total };
    if (type === 'eXIf' && length <= MAX_EXIF_READ) {
      if (front.length < total) return { kind: 'need', bytes: total };
      return this.replaceExif(front.subarray(8, 8 + length), total);
    }
    this.removed.add(removedKind(type));
    return { kind: 'skip', bytes: total };
  }

  private replaceExif(tiff: Buffer, total: number): StripStep {
    // Only the first EXIF block counts, as readers take it; a later one is dropped whole.
    const first = !this.removed.has('exif');
    this.removed.add('exif');
    const orientation = readOrientation(tiff);
    if (orientation === 1 || !first) return { kind: 'skip', bytes: total };
    this.orientation = orientation;
    return { kind: 'replace', consume: total, with: pngChunk('eXIf', orientationOnlyTiff(orientation)) };
  }
}

function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

function removedKind(type: string): RemovedMetadata {
  if (type === 'eXIf') return 'exif';
  if (type === 'tEXt' || type === 'zTXt' || type === 'iTXt') return 'text';
  return 'vendor_data';
}
