import exifr from 'exifr';
import { decode } from 'jpeg-js';
import { jpegPixels, phoneExif, phoneJpeg, CAMERA_SERIAL, OWNER } from '../testing/sample-images';
import { runThrough } from '../testing/run-stripper';
import { metadataStripperFor } from './metadata-stripper';
import { MalformedFileError } from './format-walker';

const EVERYTHING = {
  tiff: true,
  exif: true,
  gps: true,
  xmp: true,
  iptc: true,
  ifd1: true,
  icc: false,
  mergeOutput: false,
};

describe('JPEG metadata removal', () => {
  it('starts from a photo that an independent reader finds GPS, serial, owner, XMP and IPTC in', async () => {
    const photo = phoneJpeg();
    const found = (await exifr.parse(photo, EVERYTHING)) as Record<string, Record<string, unknown>>;
    expect(await exifr.gps(photo)).toMatchObject({ latitude: expect.closeTo(55.7558, 3) });
    expect(found.exif.SerialNumber).toBe(CAMERA_SERIAL);
    expect(found.exif.OwnerName).toBe(OWNER);
    expect(found.ifd0.Artist).toBe(OWNER);
    expect(found.dc.creator).toBe(OWNER); // from the XMP packet
    expect(found.iptc.City).toBe('Moscow');
  });

  it.each([1, 7, 4096])(
    'leaves no GPS, serial, owner, XMP, IPTC or comment, read in chunks of %i',
    async (size) => {
      const stripper = metadataStripperFor('jpeg');
      const cleaned = await runThrough(stripper, phoneJpeg(), size);
      expect(await exifr.gps(cleaned)).toBeUndefined();
      const found = ((await exifr.parse(cleaned, EVERYTHING)) ?? {}) as Record<
        string,
        Record<string, unknown>
      >;
      expect(Object.keys(found).sort()).toEqual(['ifd0']);
      expect(found.ifd0).toEqual({ Orientation: 'Rotate 90 CW' });
      const text = cleaned.toString('latin1');
      for (const trace of [
        OWNER,
        CAMERA_SERIAL,
        'PhoneMaker',
        'Moscow',
        'xmpmeta',
        'Photoshop',
        'appended',
      ]) {
        expect(text).not.toContain(trace);
      }
      expect([...stripper.report.removed].sort()).toEqual(['comment', 'exif', 'iptc', 'trailer', 'xmp']);
      expect(stripper.report.warnings).toEqual([]);
      expect(stripper.report.orientation).toBe(6);
    },
  );

  it('keeps the picture exactly as it was', async () => {
    const cleaned = await runThrough(metadataStripperFor('jpeg'), phoneJpeg(6, 40, 24), 13);
    const before = decode(jpegPixels(40, 24));
    const after = decode(cleaned);
    expect([after.width, after.height]).toEqual([40, 24]);
    expect(Buffer.from(after.data).equals(Buffer.from(before.data))).toBe(true);
  });

  it('writes no EXIF at all for an upright photo', async () => {
    const stripper = metadataStripperFor('jpeg');
    const cleaned = await runThrough(stripper, phoneJpeg(1));
    expect(await exifr.parse(cleaned, EVERYTHING)).toBeUndefined();
    expect(stripper.report.orientation).toBe(1);
  });

  it('passes a JPEG without metadata through byte for byte', async () => {
    const plain = jpegPixels();
    const stripper = metadataStripperFor('jpeg');
    expect((await runThrough(stripper, plain, 5)).equals(plain)).toBe(true);
    expect(stripper.report.removed.size).toBe(0);
  });

  it('refuses bytes that are not a JPEG and a JPEG cut short', async () => {
    await expect(runThrough(metadataStripperFor('jpeg'), Buffer.from('not a jpeg at all'))).rejects.toThrow(
      MalformedFileError,
    );
    const photo = phoneJpeg();
    await expect(runThrough(metadataStripperFor('jpeg'), photo.subarray(0, 300))).rejects.toThrow(
      MalformedFileError,
    );
  });

  it('keeps the orientation of the first EXIF block only, once', async () => {
    const exifSegment = (orientation: number): Buffer => {
      const body = Buffer.from(phoneExif(orientation), 'latin1');
      const header = Buffer.from([0xff, 0xe1, 0, 0]);
      header.writeUInt16BE(body.length + 2, 2);
      return Buffer.concat([header, body]);
    };
    const pixels = jpegPixels();
    const tables = pixels.indexOf(Buffer.from([0xff, 0xdb]));
    const doubled = Buffer.concat([
      pixels.subarray(0, tables),
      exifSegment(6),
      exifSegment(3),
      pixels.subarray(tables),
    ]);
    const stripper = metadataStripperFor('jpeg');
    const cleaned = await runThrough(stripper, doubled);
    expect(cleaned.toString('latin1').match(/Exif\0\0/g)).toHaveLength(1);
    expect(stripper.report.orientation).toBe(6);
    expect((await exifr.parse(cleaned, EVERYTHING))?.ifd0).toEqual({ Orientation: 'Rotate 90 CW' });

    const uprightFirst = Buffer.concat([
      pixels.subarray(0, tables),
      exifSegment(1),
      exifSegment(6),
      pixels.subarray(tables),
    ]);
    const second = metadataStripperFor('jpeg');
    expect(await exifr.parse(await runThrough(second, uprightFirst), EVERYTHING)).toBeUndefined();
    expect(second.report.orientation).toBe(1);
  });

  it("drops the JFIF header's own thumbnail and keeps the header", async () => {
    const pixels = jpegPixels();
    // The file starts with SOI; the APP0 segment's length is at 4, its thumbnail size at 18 and 19.
    const app0Length = pixels.readUInt16BE(4);
    const withThumbnail = Buffer.from(pixels.subarray(0, 4 + app0Length));
    withThumbnail[18] = 1; // a 1×1 thumbnail: three RGB bytes after the header
    withThumbnail[19] = 1;
    withThumbnail.writeUInt16BE(app0Length + 3, 4);
    const photo = Buffer.concat([withThumbnail, Buffer.from([1, 2, 3]), pixels.subarray(4 + app0Length)]);
    const stripper = metadataStripperFor('jpeg');
    const cleaned = await runThrough(stripper, photo, 5);
    expect(cleaned.equals(pixels)).toBe(true);
    expect([...stripper.report.removed]).toEqual(['thumbnail']);
  });
});
