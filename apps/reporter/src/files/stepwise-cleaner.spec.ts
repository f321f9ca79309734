import exifr from 'exifr';
import { IntakeBudget, IntakeLimitError } from '../domain/intake-limits';
import { phoneJpeg } from '../testing/sample-images';
import { runThrough } from '../testing/run-stripper';
import { samplePdf } from '../testing/sample-files';
import { AttachmentCleaner, UnsupportedFileKindError } from './attachment-cleaner';
import { StepwiseCleaner } from './stepwise-cleaner';

const feed = (cleaner: StepwiseCleaner, bytes: Buffer, size: number): Buffer => {
  const out: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += size)
    out.push(cleaner.push(bytes.subarray(offset, offset + size)));
  out.push(cleaner.finish());
  return Buffer.concat(out);
};

describe('StepwiseCleaner', () => {
  it('gives, chunk by chunk, exactly what the cleaning stream gives, and hashes what it received', async () => {
    const photo = phoneJpeg();
    const expected = await runThrough(new AttachmentCleaner('p.jpg'), photo);
    for (const size of [1, 7, 100, 65536]) {
      const cleaner = new StepwiseCleaner('p.jpg', new IntakeBudget());
      expect(feed(cleaner, photo, size)).toEqual(expected);
      expect(cleaner.kind).toBe('jpeg');
      expect(cleaner.receivedBytes).toBe(photo.length);
    }
    expect(await exifr.gps(expected)).toBeUndefined();
  });

  it('reports the PDF warning and refuses a file of no accepted kind, naming it', () => {
    const pdf = new StepwiseCleaner('doc.pdf', new IntakeBudget());
    feed(pdf, samplePdf(), 50);
    expect(pdf.warning).toBe('metadata_not_removed');
    const exe = new StepwiseCleaner('run.exe', new IntakeBudget());
    expect(() => feed(exe, Buffer.alloc(200, 1), 50)).toThrow(UnsupportedFileKindError);
  });

  it('stops at the byte that passes the file limit, and at one file too many', () => {
    const budget = new IntakeBudget({ maxFileBytes: 100, maxTotalBytes: 1000, maxFiles: 1 });
    const cleaner = new StepwiseCleaner('a.pdf', budget);
    cleaner.push(samplePdf().subarray(0, 60));
    expect(() => cleaner.push(Buffer.alloc(41))).toThrow(IntakeLimitError);
    expect(() => new StepwiseCleaner('b.pdf', budget)).toThrow(/one more than the 1 files allowed/);
  });
});
