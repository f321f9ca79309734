import { sampleGif, sampleMp4, samplePdf, samplePng, sampleWebp } from '../testing/sample-files';
import { FILE_KINDS, MEDIA_TYPES, sniffFileKind } from './file-kind';

const JPEG_START = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);

describe('file kind by its bytes', () => {
  it.each([
    ['jpeg', JPEG_START],
    ['png', samplePng()],
    ['gif', sampleGif()],
    ['webp', sampleWebp()],
    ['mp4', sampleMp4()],
    ['mp4', sampleMp4('mp42', ['mp42', 'isom'])],
    ['mp4', sampleMp4('XAVC', ['XAVC', 'mp42'])],
    ['pdf', samplePdf()],
  ] as const)('recognises %s', (kind, bytes) => {
    expect(sniffFileKind(bytes)).toBe(kind);
  });

  it('recognises a GIF87a too', () => {
    const gif87 = sampleGif();
    gif87.write('GIF87a', 0, 'latin1');
    expect(sniffFileKind(gif87)).toBe('gif');
  });

  it.each([
    ['a QuickTime movie', sampleMp4('qt  ', ['qt  '])],
    ['a HEIC photo', sampleMp4('heic', ['mif1', 'heic'])],
    ['an AVIF image', sampleMp4('avif', ['avif', 'mif1', 'miaf'])],
    ['a RIFF that is a WAV', Buffer.from('RIFF\u0024\u0000\u0000\u0000WAVEfmt ', 'latin1')],
    ['an HTML page', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['a ZIP', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0])],
    ['a PDF signature after other bytes', Buffer.concat([Buffer.from('junk'), samplePdf()])],
    ['nothing', Buffer.alloc(0)],
    ['two bytes of a JPEG', Buffer.from([0xff, 0xd8])],
  ])('refuses %s', (_what, bytes) => {
    expect(sniffFileKind(bytes)).toBeUndefined();
  });

  it('has a media type for each kind', () => {
    expect(FILE_KINDS.map((kind) => MEDIA_TYPES[kind])).toEqual([
      'image/jpeg',
      'image/png',
      'image/webp',
      'image/gif',
      'video/mp4',
      'application/pdf',
    ]);
  });
});
