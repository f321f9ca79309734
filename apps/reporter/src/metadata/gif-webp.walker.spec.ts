import { gifSubBlocks, riffChunk, sampleGif, sampleWebp } from '../testing/sample-files';
import { OWNER, phoneExifTiff, XMP_PACKET } from '../testing/sample-images';
import { runThrough } from '../testing/run-stripper';
import { metadataStripperFor } from './metadata-stripper';
import { MalformedFileError } from './format-walker';

function applicationExtension(id: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0x21, 0xff, 11]), Buffer.from(id, 'latin1'), gifSubBlocks(data)]);
}

describe('GIF metadata removal', () => {
  const looping = applicationExtension('NETSCAPE2.0', Buffer.from([1, 0, 0]));
  const xmp = applicationExtension('XMP DataXMP', Buffer.from(XMP_PACKET));

  function withBlocks(...blocks: Buffer[]): Buffer {
    const plain = sampleGif(`made by ${OWNER}`);
    const start = 13 + 6; // header, screen descriptor and a 2-colour table
    return Buffer.concat([plain.subarray(0, start), ...blocks, plain.subarray(start)]);
  }

  it.each([1, 5, 4096])(
    'drops comments and XMP, keeps looping and the frame, in chunks of %i',
    async (size) => {
      const stripper = metadataStripperFor('gif');
      const cleaned = await runThrough(stripper, withBlocks(looping, xmp), size);
      expect(cleaned.toString('latin1')).not.toContain(OWNER);
      expect(cleaned.toString('latin1')).not.toContain('xmpmeta');
      expect(
        cleaned.equals(Buffer.concat([sampleGif().subarray(0, 19), looping, sampleGif().subarray(19)])),
      ).toBe(true);
      expect([...stripper.report.removed].sort()).toEqual(['comment', 'xmp']);
    },
  );

  it('passes a GIF without metadata unchanged and drops what follows its trailer', async () => {
    const plain = sampleGif();
    expect((await runThrough(metadataStripperFor('gif'), plain)).equals(plain)).toBe(true);
    const appended = Buffer.concat([plain, Buffer.from(OWNER)]);
    expect((await runThrough(metadataStripperFor('gif'), appended)).equals(plain)).toBe(true);
  });

  it('refuses a GIF without its trailer', async () => {
    const plain = sampleGif();
    await expect(runThrough(metadataStripperFor('gif'), plain.subarray(0, plain.length - 1))).rejects.toThrow(
      MalformedFileError,
    );
  });
});

describe('WebP metadata removal', () => {
  const EXIF_AND_XMP_FLAGS = 0x08 | 0x04;
  const phoneWebp = (): Buffer =>
    sampleWebp(
      [riffChunk('EXIF', phoneExifTiff()), riffChunk('XMP ', Buffer.from(XMP_PACKET))],
      EXIF_AND_XMP_FLAGS,
    );

  it.each([1, 7, 4096])(
    'blanks EXIF and XMP in place and clears their flags, in chunks of %i',
    async (size) => {
      const original = phoneWebp();
      const stripper = metadataStripperFor('webp');
      const cleaned = await runThrough(stripper, original, size);
      expect(cleaned.length).toBe(original.length);
      expect(cleaned.readUInt32LE(4)).toBe(original.readUInt32LE(4));
      expect(cleaned[20] & EXIF_AND_XMP_FLAGS).toBe(0);
      const text = cleaned.toString('latin1');
      for (const trace of ['EXIF', 'XMP ', OWNER, 'xmpmeta', 'PhoneMaker']) expect(text).not.toContain(trace);
      expect(text.match(/JUNK/g)).toHaveLength(2);
      // The picture's own chunks are where they were, unchanged.
      const imageEnd = sampleWebp().length;
      expect(cleaned.subarray(21, imageEnd).equals(original.subarray(21, imageEnd))).toBe(true);
      expect([...stripper.report.removed].sort()).toEqual(['exif', 'xmp']);
    },
  );

  it('refuses a RIFF that is not a WebP', async () => {
    const wave = Buffer.from('RIFF\u0004\u0000\u0000\u0000WAVE', 'latin1');
    await expect(runThrough(metadataStripperFor('webp'), wave)).rejects.toThrow(MalformedFileError);
  });
});
