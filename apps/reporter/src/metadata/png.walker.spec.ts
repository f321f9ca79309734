import exifr from 'exifr';
import { inflateSync } from 'node:zlib';
import { pngChunk, samplePng } from '../testing/sample-files';
import { OWNER, phoneExifTiff, XMP_PACKET } from '../testing/sample-images';
import { runThrough } from '../testing/run-stripper';
import { metadataStripperFor } from './metadata-stripper';
import { MalformedFileError } from './format-walker';

const EVERYTHING = {
  tiff: true,
  exif: true,
  gps: true,
  xmp: true,
  iptc: true,
  ihdr: false,
  mergeOutput: false,
};

function text(keyword: string, value: string): Buffer {
  return pngChunk('tEXt', Buffer.from(`${keyword}\0${value}`, 'latin1'));
}

function xmpChunk(): Buffer {
  return pngChunk(
    'iTXt',
    Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'), Buffer.from(XMP_PACKET)]),
  );
}

/** Chunks in the order PNG readers meet them, as [type, data]. */
function chunks(png: Buffer): Array<[string, Buffer]> {
  const found: Array<[string, Buffer]> = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    found.push([png.toString('latin1', at + 4, at + 8), png.subarray(at + 8, at + 8 + length)]);
    at += 12 + length;
  }
  return found;
}

const phonePng = (orientation = 6): Buffer =>
  samplePng([
    pngChunk('eXIf', phoneExifTiff(orientation)),
    xmpChunk(),
    text('Author', OWNER),
    pngChunk('zTXt', Buffer.from('Comment\0\0xx', 'latin1')),
    pngChunk('tIME', Buffer.from([7, 234, 11, 30, 9, 15, 0])),
    pngChunk('caBX', Buffer.from('content credentials')),
    pngChunk('pHYs', Buffer.from([0, 0, 11, 19, 0, 0, 11, 19, 1])),
  ]);

describe('PNG metadata removal', () => {
  it('starts from a PNG where an independent reader finds GPS and XMP', async () => {
    const png = phonePng();
    expect(await exifr.gps(png)).toMatchObject({ latitude: expect.closeTo(55.7558, 3) });
  });

  it.each([1, 7, 4096])(
    'leaves no EXIF but the orientation, no text, time or private chunk, read in chunks of %i',
    async (size) => {
      const stripper = metadataStripperFor('png');
      const cleaned = await runThrough(stripper, phonePng(), size);
      expect(await exifr.gps(cleaned)).toBeUndefined();
      const found = ((await exifr.parse(cleaned, EVERYTHING)) ?? {}) as Record<string, unknown>;
      expect(found).toEqual({ ifd0: { Orientation: 'Rotate 90 CW' } });
      expect(chunks(cleaned).map(([type]) => type)).toEqual(['IHDR', 'eXIf', 'pHYs', 'IDAT', 'IEND']);
      expect(cleaned.toString('latin1')).not.toContain(OWNER);
      expect([...stripper.report.removed].sort()).toEqual(['exif', 'text', 'vendor_data']);
    },
  );

  it('keeps the pixels and every chunk that draws them, byte for byte', async () => {
    const original = phonePng();
    const cleaned = await runThrough(metadataStripperFor('png'), original);
    const idat = (png: Buffer): Buffer => inflateSync(chunks(png).find(([type]) => type === 'IDAT')![1]);
    expect(idat(cleaned).equals(idat(original))).toBe(true);
    expect(cleaned.subarray(0, 33).equals(original.subarray(0, 33))).toBe(true); // signature and IHDR
  });

  it('writes a valid CRC for the orientation it keeps', async () => {
    const cleaned = await runThrough(metadataStripperFor('png'), phonePng(8));
    const exif = chunks(cleaned).find(([type]) => type === 'eXIf')!;
    const rebuilt = pngChunk('eXIf', exif[1]);
    expect(cleaned.includes(rebuilt)).toBe(true);
    expect((await exifr.parse(cleaned, EVERYTHING))?.ifd0).toEqual({ Orientation: 'Rotate 270 CW' });
  });

  it('drops the EXIF chunk entirely for an upright picture and anything after IEND', async () => {
    const stripper = metadataStripperFor('png');
    const cleaned = await runThrough(stripper, Buffer.concat([phonePng(1), Buffer.from(`hidden ${OWNER}`)]));
    expect(chunks(cleaned).map(([type]) => type)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
    expect(stripper.report.removed.has('trailer')).toBe(true);
  });

  it('refuses a PNG cut short', async () => {
    const png = phonePng();
    await expect(runThrough(metadataStripperFor('png'), png.subarray(0, png.length - 5))).rejects.toThrow(
      MalformedFileError,
    );
  });
});
