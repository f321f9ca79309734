import { randomBytes } from 'node:crypto';
import { encode } from 'jpeg-js';
import * as piexif from 'piexifjs';

/** What a phone writes into a photo: where it was taken, the camera and its serial number. */
function phoneExif(): string {
  const rational = (value: number): [number, number] => [Math.round(value * 10000), 10000];
  return piexif.dump({
    '0th': { [piexif.ImageIFD.Make]: 'PhoneMaker', [piexif.ImageIFD.Model]: 'Model X' },
    Exif: { [piexif.ExifIFD.BodySerialNumber]: 'SN-BENCH-0001' },
    GPS: {
      [piexif.GPSIFD.GPSLatitudeRef]: 'N',
      [piexif.GPSIFD.GPSLatitude]: [rational(55), rational(45), rational(20.9)],
      [piexif.GPSIFD.GPSLongitudeRef]: 'E',
      [piexif.GPSIFD.GPSLongitude]: [rational(37), rational(37), rational(2.3)],
    },
  });
}

/**
 * A photo of `targetBytes` as a phone would send it: noise pixels (nothing compresses them, so the
 * file's bytes are mostly picture, which the cleaning keeps) with GPS EXIF, padded after its end to the
 * exact size (the cleaning drops that tail). About ten seconds of jpeg-js for 20 MB, once per run.
 */
export function benchPhoto(targetBytes: number): Buffer {
  // jpeg-js at quality 100 spends about 4.1 bytes per noise pixel.
  const pixels = Math.floor((targetBytes * 0.97) / 4.1);
  const width = 2400;
  const height = Math.max(16, Math.floor(pixels / width));
  const jpeg = encode({ data: randomBytes(width * height * 4), width, height }, 100).data;
  const photo = Buffer.from(piexif.insert(phoneExif(), jpeg.toString('latin1')), 'latin1');
  if (photo.length >= targetBytes) return photo;
  return Buffer.concat([photo, Buffer.alloc(targetBytes - photo.length, 0)]);
}
