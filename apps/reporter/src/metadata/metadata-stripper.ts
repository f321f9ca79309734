import { Transform, TransformCallback } from 'node:stream';
import type { FileKind } from '../domain/file-kind';
import { GifMetadataStripper } from './gif-metadata.stripper';
import { JpegMetadataStripper } from './jpeg-metadata.stripper';
import { Mp4MetadataStripper } from './mp4-metadata.stripper';
import { PngMetadataStripper } from './png-metadata.stripper';
import { AttachmentWarning, MetadataReport, RemovedMetadata } from './streaming-stripper';
import { WebpMetadataStripper } from './webp-metadata.stripper';

export type MetadataStripper = Transform & { readonly report: MetadataReport };

/**
 * PDF metadata (the Info dictionary, XMP streams, often compressed in object streams, and the EXIF of
 * every embedded photo) cannot be removed without rewriting the file, so a PDF passes unchanged and the
 * moderator is warned.
 */
class UncleanedPassThrough extends Transform {
  readonly report: MetadataReport = {
    removed: new Set<RemovedMetadata>(),
    warnings: ['metadata_not_removed'] satisfies AttachmentWarning[],
    orientation: 1,
  };

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    callback(null, chunk);
  }
}

/** The stream that cleans a file of the given kind as it passes; its `report` is final once it ends. */
export function metadataStripperFor(kind: FileKind): MetadataStripper {
  switch (kind) {
    case 'jpeg':
      return new JpegMetadataStripper();
    case 'png':
      return new PngMetadataStripper();
    case 'gif':
      return new GifMetadataStripper();
    case 'webp':
      return new WebpMetadataStripper();
    case 'mp4':
      return new Mp4MetadataStripper();
    case 'pdf':
      return new UncleanedPassThrough();
  }
}
