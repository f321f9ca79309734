import * as piexif from 'piexifjs';
import { encode } from 'jpeg-js';

/**
 * Photos as a phone leaves them: real JPEG pixels (jpeg-js), EXIF written by an independent library
 * (piexifjs) with GPS, camera serial and owner, plus XMP, IPTC and a comment, so that the cleaning is
 * judged against metadata it did not write itself.
 */
export const SOURCE_LOCATION = { latitude: 55.7558, longitude: 37.6173 };
export const CAMERA_SERIAL = 'SN-4815162342';
export const OWNER = 'Ivan Source';

export function jpegPixels(width = 32, height = 16): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const at = (y * width + x) * 4;
      data[at] = (x * 255) / width;
      data[at + 1] = (y * 255) / height;
      data[at + 2] = 128;
      data[at + 3] = 255;
    }
  }
  return encode({ data, width, height }, 90).data;
}

const rational = (value: number): [number, number] => [Math.round(value * 10000), 10000];
const degrees = (value: number): Array<[number, number]> => {
  const whole = Math.floor(value);
  const minutes = (value - whole) * 60;
  return [rational(whole), rational(Math.floor(minutes)), rational((minutes - Math.floor(minutes)) * 60)];
};

/** The EXIF a phone writes: GPS, make, model, serial, owner, artist, date, a thumbnail, and the orientation. */
export function phoneExif(orientation = 6): string {
  return piexif.dump({
    '0th': {
      [piexif.ImageIFD.Make]: 'PhoneMaker',
      [piexif.ImageIFD.Model]: 'Model X',
      [piexif.ImageIFD.Artist]: OWNER,
      [piexif.ImageIFD.Orientation]: orientation,
      [piexif.ImageIFD.DateTime]: '2026:11:30 09:15:00',
    },
    Exif: {
      [piexif.ExifIFD.BodySerialNumber]: CAMERA_SERIAL,
      [piexif.ExifIFD.CameraOwnerName]: OWNER,
      [piexif.ExifIFD.DateTimeOriginal]: '2026:11:30 09:15:00',
    },
    GPS: {
      [piexif.GPSIFD.GPSLatitudeRef]: 'N',
      [piexif.GPSIFD.GPSLatitude]: degrees(SOURCE_LOCATION.latitude),
      [piexif.GPSIFD.GPSLongitudeRef]: 'E',
      [piexif.GPSIFD.GPSLongitude]: degrees(SOURCE_LOCATION.longitude),
    },
  });
}

/** The TIFF block of `phoneExif` without its `Exif\0\0` prefix, as PNG's eXIf and WebP's EXIF hold it. */
export function phoneExifTiff(orientation = 6): Buffer {
  return Buffer.from(phoneExif(orientation), 'latin1').subarray(6);
}

export const XMP_PACKET = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:exif="http://ns.adobe.com/exif/1.0/"
 exif:GPSLatitude="55,45.348N" exif:GPSLongitude="37,37.038E"><dc:creator><rdf:Seq><rdf:li>${OWNER}</rdf:li></rdf:Seq></dc:creator>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

function jpegSegment(marker: number, body: Buffer): Buffer {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([header, body]);
}

/** Photoshop's IRB block 0x0404 holding IPTC: the by-line (2:80) and the city (2:90). */
function iptcSegment(): Buffer {
  const dataset = (tag: number, text: string): Buffer => {
    const value = Buffer.from(text, 'utf8');
    const head = Buffer.from([0x1c, 2, tag, 0, 0]);
    head.writeUInt16BE(value.length, 3);
    return Buffer.concat([head, value]);
  };
  const iptc = Buffer.concat([dataset(80, OWNER), dataset(90, 'Moscow')]);
  const resource = Buffer.alloc(12);
  resource.write('8BIM', 0, 'latin1');
  resource.writeUInt16BE(0x0404, 4);
  resource.writeUInt32BE(iptc.length, 8); // empty name (2 bytes of 0 at 6), then the size
  const padded = iptc.length % 2 ? Buffer.concat([iptc, Buffer.from([0])]) : iptc;
  return jpegSegment(0xed, Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resource, padded]));
}

/** A phone photo: pixels, then EXIF, XMP, IPTC, a comment, and bytes appended after the image's end. */
export function phoneJpeg(orientation = 6, width = 32, height = 16): Buffer {
  const withExif = Buffer.from(
    piexif.insert(phoneExif(orientation), jpegPixels(width, height).toString('latin1')),
    'latin1',
  );
  const extra = Buffer.concat([
    jpegSegment(0xe1, Buffer.from(`http://ns.adobe.com/xap/1.0/\0${XMP_PACKET}`, 'utf8')),
    iptcSegment(),
    jpegSegment(0xfe, Buffer.from(`taken by ${OWNER}`, 'utf8')),
  ]);
  const afterEnd = Buffer.from(`appended preview of ${OWNER}`, 'latin1');
  return Buffer.concat([withExif.subarray(0, 2), extra, withExif.subarray(2), afterEnd]);
}
