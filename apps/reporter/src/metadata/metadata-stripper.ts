import type { FileKind } from '../domain/file-kind';
import { FormatWalker, StripStep } from './format-walker';
import { GifWalker } from './gif.walker';
import { JpegWalker } from './jpeg.walker';
import { MetadataStripper } from './metadata-stripper.transform';
import { Mp4Walker } from './mp4.walker';
import { PngWalker } from './png.walker';
import { WebpWalker } from './webp.walker';

/**
 * PDF metadata (the Info dictionary, XMP streams, often compressed in object streams, and the EXIF of
 * every embedded photo) cannot be removed without rewriting the file, so a PDF passes unchanged and the
 * moderator is warned.
 */
class PdfWalker extends FormatWalker {
  constructor() {
    super('PDF');
    this.warn('metadata_not_removed');
  }

  next(): StripStep {
    return { kind: 'pass', bytes: Infinity };
  }
}

export function walkerFor(kind: FileKind): FormatWalker {
  switch (kind) {
    case 'jpeg':
      return new JpegWalker();
    case 'png':
      return new PngWalker();
    case 'gif':
      return new GifWalker();
    case 'webp':
      return new WebpWalker();
    case 'mp4':
      return new Mp4Walker();
    case 'pdf':
      return new PdfWalker();
  }
}

/** The stream that cleans a file of the given kind as it passes; its `report` is final once it ends. */
export function metadataStripperFor(kind: FileKind): MetadataStripper {
  return new MetadataStripper(walkerFor(kind));
}
