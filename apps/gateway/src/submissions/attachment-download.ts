import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { ATTACHMENT_MEDIA_TYPES, AttachmentKind, Caller } from '@app/contracts';
import { attachmentDisposition, safeFileName } from './attachment-disposition';
import { AttachmentSlice, ReporterWireClient } from './reporter-wire.client';

const EXTENSIONS: Readonly<Record<AttachmentKind, string>> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
  mp4: 'mp4',
  pdf: 'pdf',
};

/** A download ready to send: its headers and its bytes, read from the service as the client takes them. */
export interface AttachmentDownloadAnswer {
  headers: Record<string, string>;
  body: Readable;
}

/**
 * An attachment as a download, never shown inline: the type the service recognised from the bytes,
 * `nosniff`, a sandboxing policy (a PDF or an SVG-looking file cannot run anything on our origin) and
 * `Content-Disposition: attachment` with a cleaned name. The first slice is read before answering, so an
 * unknown attachment or a caller without the role gets a problem document; the rest is read slice by
 * slice as the client takes it (a stream with a small buffer), so a 20 MB video never sits in memory.
 */
@Injectable()
export class AttachmentDownload {
  constructor(private readonly wire: ReporterWireClient) {}

  async open(submissionId: string, attachmentId: string, caller: Caller): Promise<AttachmentDownloadAnswer> {
    const read = (offset: number): Promise<AttachmentSlice> =>
      this.wire.readAttachment({ caller, submissionId, attachmentId, offset });
    const first = await read(0);
    const total = first.totalBytes;
    async function* slices(): AsyncGenerator<Uint8Array> {
      let slice = first;
      let offset = 0;
      for (;;) {
        if (slice.bytes.length > 0) yield slice.bytes;
        offset += slice.bytes.length;
        if (offset >= total || slice.bytes.length === 0) return;
        slice = await read(offset);
      }
    }
    return {
      headers: {
        'content-type': ATTACHMENT_MEDIA_TYPES[first.kind] ?? 'application/octet-stream',
        'content-length': String(total),
        'content-disposition': attachmentDisposition(
          safeFileName(first.fileName, EXTENSIONS[first.kind] ?? 'bin'),
        ),
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, no-store',
      },
      body: Readable.from(slices(), { objectMode: false, highWaterMark: 1 }),
    };
  }
}
