import { samplePdf } from '../testing/sample-files';
import { runThrough } from '../testing/run-stripper';
import { metadataStripperFor } from './metadata-stripper';
import { MalformedFileError } from './format-walker';

function box(type: string, ...children: Buffer[]): Buffer {
  const body = Buffer.concat(children);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');
const ftyp = box('ftyp', bytes('isom'), Buffer.alloc(4), bytes('isommp41'));
const handler = (type: string): Buffer => box('hdlr', Buffer.alloc(8), bytes(type), Buffer.alloc(12));
const location = box(
  'udta',
  box('\u00a9xyz', bytes('+55.7558+037.6173/')),
  box('\u00a9ART', bytes('Ivan Source')),
);
const appleKeys = box('meta', Buffer.alloc(4), box('keys', bytes('com.apple.quicktime.location.ISO6709')));
const xmp = box(
  'uuid',
  Buffer.from('be7acfcb97a942e89c71999491e3afac', 'hex'),
  bytes('<x:xmpmeta>Ivan Source'),
);
const mdat = box('mdat', Buffer.alloc(64, 0xab));

function movie(...trackExtras: Buffer[]): Buffer {
  const track = box(
    'trak',
    box('tkhd', Buffer.alloc(84)),
    box('mdia', box('mdhd', Buffer.alloc(24)), handler('vide')),
    ...trackExtras,
  );
  return Buffer.concat([
    ftyp,
    box('moov', box('mvhd', Buffer.alloc(100)), track, location, appleKeys),
    xmp,
    mdat,
  ]);
}

describe('MP4 metadata removal', () => {
  it.each([1, 7, 4096])(
    'renames user data, meta and XMP boxes to free and zeroes them, in chunks of %i',
    async (size) => {
      const original = movie(box('udta', box('\u00a9mak', bytes('PhoneMaker'))));
      const stripper = metadataStripperFor('mp4');
      const cleaned = await runThrough(stripper, original, size);
      expect(cleaned.length).toBe(original.length);
      const text = cleaned.toString('latin1');
      for (const trace of ['+55.7558', 'Ivan Source', 'location', 'PhoneMaker', 'udta', 'xmpmeta']) {
        expect(text).not.toContain(trace);
      }
      expect(text.match(/free/g)).toHaveLength(4);
      // Offsets do not move: the media data is where it was.
      expect(cleaned.subarray(cleaned.length - mdat.length).equals(mdat)).toBe(true);
      expect(stripper.report.warnings).toEqual([]);
    },
  );

  it('warns the moderator about a timed metadata track it cannot remove', async () => {
    const metadataTrack = box('trak', box('mdia', handler('meta')));
    const original = Buffer.concat([ftyp, box('moov', metadataTrack), mdat]);
    const stripper = metadataStripperFor('mp4');
    await runThrough(stripper, original);
    expect(stripper.report.warnings).toEqual(['metadata_not_removed']);
  });

  it('passes media data declared to run to the end of the file', async () => {
    const open = Buffer.concat([
      ftyp,
      box('moov', box('mvhd', Buffer.alloc(100))),
      Buffer.from([0, 0, 0, 0]),
      bytes('mdat'),
      Buffer.alloc(50, 1),
    ]);
    expect((await runThrough(metadataStripperFor('mp4'), open)).equals(open)).toBe(true);
  });

  it('refuses a box that runs past its parent or past the file', async () => {
    const broken = Buffer.concat([ftyp, box('moov', box('mvhd', Buffer.alloc(10)))]);
    broken.writeUInt32BE(200, ftyp.length + 8);
    await expect(runThrough(metadataStripperFor('mp4'), broken)).rejects.toThrow(MalformedFileError);
    await expect(runThrough(metadataStripperFor('mp4'), movie().subarray(0, 100))).rejects.toThrow(
      MalformedFileError,
    );
  });
});

describe('PDF metadata', () => {
  it('passes a PDF unchanged and warns that its metadata is still there', async () => {
    const pdf = samplePdf('Ivan Source');
    const stripper = metadataStripperFor('pdf');
    expect((await runThrough(stripper, pdf)).equals(pdf)).toBe(true);
    expect(stripper.report.warnings).toEqual(['metadata_not_removed']);
  });
});
