import exifr from 'exifr';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { IntakeBudget, IntakeLimitError } from '../domain/intake-limits';
import { MalformedFileError } from '../metadata/format-walker';
import { runThrough } from '../testing/run-stripper';
import { sampleGif, sampleMp4, samplePdf, samplePng, sampleWebp } from '../testing/sample-files';
import { phoneJpeg } from '../testing/sample-images';
import { AttachmentCleaner, UnsupportedFileKindError } from './attachment-cleaner';
import { IntakeLimitTransform } from './intake-limit.transform';

describe('attachment cleaner', () => {
  it.each([
    ['jpeg', phoneJpeg()],
    ['png', samplePng()],
    ['gif', sampleGif('a comment')],
    ['webp', sampleWebp()],
    ['mp4', sampleMp4()],
    ['pdf', samplePdf()],
  ] as const)('tells a %s by its bytes and cleans it on the way', async (kind, bytes) => {
    const cleaner = new AttachmentCleaner('upload.bin');
    const cleaned = await runThrough(cleaner, bytes, 3);
    expect(cleaner.kind).toBe(kind);
    expect(cleaned.length).toBeGreaterThan(0);
    expect(cleaner.report.warnings).toEqual(kind === 'pdf' ? ['metadata_not_removed'] : []);
  });

  it('cleans a photo named like a document: the bytes decide, not the name', async () => {
    const cleaner = new AttachmentCleaner('report.pdf');
    const cleaned = await runThrough(cleaner, phoneJpeg(), 4096);
    expect(cleaner.kind).toBe('jpeg');
    expect(await exifr.gps(cleaned)).toBeUndefined();
  });

  it('refuses a script named like a photo before any of it goes further, naming the file', async () => {
    const out: Buffer[] = [];
    const page = Buffer.from(`<html>${'x'.repeat(500)}</html>`);
    const refusal = pipeline(
      Readable.from([page.subarray(0, 100), page.subarray(100)]),
      new AttachmentCleaner('holiday.jpg'),
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          out.push(chunk);
          callback();
        },
      }),
    );
    await expect(refusal).rejects.toThrow(UnsupportedFileKindError);
    await expect(refusal).rejects.toMatchObject({ fileName: 'holiday.jpg' });
    expect(out).toEqual([]);
  });

  it('refuses an empty file and one too short to be any kind', async () => {
    await expect(runThrough(new AttachmentCleaner('empty.png'), Buffer.alloc(0))).rejects.toThrow(
      UnsupportedFileKindError,
    );
    await expect(runThrough(new AttachmentCleaner('two.jpg'), Buffer.from([0xff, 0xd8]))).rejects.toThrow(
      UnsupportedFileKindError,
    );
  });

  it('refuses a file whose start is right but whose structure breaks later', async () => {
    const photo = phoneJpeg();
    await expect(runThrough(new AttachmentCleaner('cut.jpg'), photo.subarray(0, 400))).rejects.toThrow(
      MalformedFileError,
    );
  });

  it('sits behind the size limit: the limit is counted on the bytes as sent', async () => {
    const photo = phoneJpeg();
    const budget = new IntakeBudget({ maxFileBytes: photo.length - 1, maxTotalBytes: 10 ** 9, maxFiles: 1 });
    const run = pipeline(
      Readable.from([photo]),
      new IntakeLimitTransform('big.jpg', budget),
      new AttachmentCleaner('big.jpg'),
      new Writable({ write: (_chunk, _encoding, callback) => callback() }),
    );
    await expect(run).rejects.toThrow(IntakeLimitError);
  });
});
