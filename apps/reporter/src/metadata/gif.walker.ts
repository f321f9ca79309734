import { FormatWalker, StripStep } from './format-walker';

/** Application extensions that only say how an animation loops; every other one (XMP among them) goes. */
const LOOPING_APPLICATIONS = ['NETSCAPE2.0', 'ANIMEXTS1.0'];

/**
 * Walks a GIF's blocks and drops comment extensions and application extensions other than looping
 * (XMP is stored as one), and anything after the trailer. Frames, palettes and graphic control stay.
 */
export class GifWalker extends FormatWalker {
  private state: 'header' | 'blocks' | 'image' | 'lzw' | 'sub-blocks' | 'done' = 'header';
  private keepSubBlocks = true;

  constructor() {
    super('GIF');
  }

  next(front: Buffer): StripStep {
    if (front.length === 0 && this.state !== 'done') return { kind: 'need', bytes: 1 };
    switch (this.state) {
      case 'header':
        return this.header(front);
      case 'blocks':
        return this.block(front);
      case 'image':
        return this.imageDescriptor(front);
      case 'lzw':
        this.state = 'sub-blocks';
        this.keepSubBlocks = true;
        return { kind: 'pass', bytes: 1 };
      case 'sub-blocks':
        return this.subBlock(front);
      case 'done':
        return { kind: 'end' };
    }
  }

  private header(front: Buffer): StripStep {
    if (front.length < 13) return { kind: 'need', bytes: 13 };
    const version = front.toString('latin1', 0, 6);
    if (version !== 'GIF87a' && version !== 'GIF89a') throw this.malformed('no GIF header');
    this.state = 'blocks';
    return { kind: 'pass', bytes: 13 + colourTableBytes(front[10]) };
  }

  private block(front: Buffer): StripStep {
    const introducer = front[0];
    if (introducer === 0x3b) {
      this.state = 'done';
      return { kind: 'pass', bytes: 1 };
    }
    if (introducer === 0x2c) {
      this.state = 'image';
      return this.imageDescriptor(front);
    }
    if (introducer !== 0x21) throw this.malformed('an unknown block');
    if (front.length < 3) return { kind: 'need', bytes: 3 };
    const label = front[1];
    if (label === 0xfe) return this.subBlocksOf(2, false, 'comment');
    if (label === 0xff) {
      // The application's 11-byte identifier is the first sub-block.
      if (front.length < 14) return { kind: 'need', bytes: 14 };
      const id = front.toString('latin1', 3, 14);
      const keep = front[2] === 11 && LOOPING_APPLICATIONS.includes(id);
      return this.subBlocksOf(2, keep, id.startsWith('XMP DataXMP') ? 'xmp' : 'vendor_data');
    }
    // Graphic control (0xF9) and plain text (0x01) draw the picture.
    return this.subBlocksOf(2, true, 'vendor_data');
  }

  private subBlocksOf(
    headerBytes: number,
    keep: boolean,
    removed: 'comment' | 'xmp' | 'vendor_data',
  ): StripStep {
    this.state = 'sub-blocks';
    this.keepSubBlocks = keep;
    if (!keep) this.removed.add(removed);
    return { kind: keep ? 'pass' : 'skip', bytes: headerBytes };
  }

  private imageDescriptor(front: Buffer): StripStep {
    if (front.length < 10) return { kind: 'need', bytes: 10 };
    this.state = 'lzw';
    const packed = front[9];
    return { kind: 'pass', bytes: 10 + (packed & 0x80 ? colourTableBytes(packed) : 0) };
  }

  private subBlock(front: Buffer): StripStep {
    const size = front[0];
    if (size === 0) this.state = 'blocks';
    return { kind: this.keepSubBlocks ? 'pass' : 'skip', bytes: 1 + size };
  }
}

function colourTableBytes(packed: number): number {
  return packed & 0x80 ? 3 * 2 ** ((packed & 0x07) + 1) : 0;
}
