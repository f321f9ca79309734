import { crc32, deflateSync } from 'node:zlib';

/**
 * Small files of each kind, written byte by byte for tests: the headers and structure real readers
 * expect, with as little content as possible.
 */

export function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A valid RGB PNG of `width`×`height` filled with one colour, plus any extra chunks before IDAT. */
export function samplePng(extraChunks: Buffer[] = [], width = 2, height = 2): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x7f)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    ...extraChunks,
    pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 1×1 GIF89a with a global colour table, optionally a comment block, and one image. */
export function sampleGif(comment?: string): Buffer {
  const parts: Buffer[] = [
    Buffer.from('GIF89a', 'latin1'),
    Buffer.from([1, 0, 1, 0, 0x80, 0, 0]), // 1×1, global table of 2 colours
    Buffer.from([0, 0, 0, 0xff, 0xff, 0xff]),
  ];
  if (comment !== undefined)
    parts.push(Buffer.from([0x21, 0xfe]), gifSubBlocks(Buffer.from(comment, 'utf8')));
  parts.push(
    Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0]), // image descriptor
    Buffer.from([0x02, 0x02, 0x44, 0x01, 0x00]), // LZW: minimum code size 2, one pixel
    Buffer.from([0x3b]),
  );
  return Buffer.concat(parts);
}

export function gifSubBlocks(data: Buffer): Buffer {
  const blocks: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += 255) {
    const piece = data.subarray(offset, offset + 255);
    blocks.push(Buffer.from([piece.length]), piece);
  }
  blocks.push(Buffer.from([0]));
  return Buffer.concat(blocks);
}

export function riffChunk(type: string, data: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(type, 0, 'latin1');
  header.writeUInt32LE(data.length, 4);
  return Buffer.concat([header, data, data.length % 2 ? Buffer.from([0]) : Buffer.alloc(0)]);
}

/** A WebP in the extended layout: VP8X, the image's VP8L bitstream, then any extra chunks (EXIF, XMP). */
export function sampleWebp(extraChunks: Buffer[] = [], flags = 0): Buffer {
  const vp8x = Buffer.alloc(10);
  vp8x[0] = flags;
  // Canvas 1×1 stored as width-1 and height-1 in 24 bits each: all zero.
  // Bytes in the shape of a 1×1 lossless bitstream (signature 0x2f first); the tests only move them.
  const vp8l = Buffer.from([0x2f, 0x00, 0x00, 0x00, 0x00, 0x07, 0x10, 0x11, 0x88, 0x88, 0xfe, 0x07, 0x00]);
  const body = Buffer.concat([
    Buffer.from('WEBP', 'latin1'),
    riffChunk('VP8X', vp8x),
    riffChunk('VP8L', vp8l),
    ...extraChunks,
  ]);
  const header = Buffer.alloc(8);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length, 4);
  return Buffer.concat([header, body]);
}

/** The start of an MP4 (an `ftyp` box with the given brands, then an empty `mdat`). */
export function sampleMp4(majorBrand = 'isom', compatible: string[] = ['isom', 'mp41']): Buffer {
  const ftyp = Buffer.alloc(16 + compatible.length * 4);
  ftyp.writeUInt32BE(ftyp.length, 0);
  ftyp.write('ftyp', 4, 'latin1');
  ftyp.write(majorBrand, 8, 'latin1');
  compatible.forEach((brand, index) => ftyp.write(brand, 16 + index * 4, 'latin1'));
  const mdat = Buffer.from([0, 0, 0, 8, 0x6d, 0x64, 0x61, 0x74]);
  return Buffer.concat([ftyp, mdat]);
}

/** A one-page PDF with an Info dictionary naming an author. */
export function samplePdf(author = 'Source Name'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>',
    `<< /Author (${author}) /Producer (sample) >>`,
  ];
  let text = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(text.length);
    text += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(text, 'latin1');
}
