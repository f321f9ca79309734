import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { IntakeBudget, IntakeLimitError } from '../domain/intake-limits';
import { samplePdf } from '../testing/sample-files';
import { IntakeLimitTransform } from './intake-limit.transform';

function chunksOf(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += size)
    chunks.push(bytes.subarray(offset, offset + size));
  return Readable.from(chunks, { objectMode: false });
}

function collector(): { sink: Writable; bytes: () => Buffer } {
  const received: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      received.push(chunk);
      callback();
    },
  });
  return { sink, bytes: () => Buffer.concat(received) };
}

describe('file intake streams', () => {
  it('passes a file of exactly the limit and stops one byte over, naming the file', async () => {
    const limits = { maxFileBytes: 1000, maxTotalBytes: 10_000, maxFiles: 10 };
    const exact = collector();
    await pipeline(
      chunksOf(Buffer.alloc(1000), 64),
      new IntakeLimitTransform('exact.pdf', new IntakeBudget(limits)),
      exact.sink,
    );
    expect(exact.bytes().length).toBe(1000);

    const over = collector();
    const error = await pipeline(
      chunksOf(Buffer.alloc(1001), 64),
      new IntakeLimitTransform('over.pdf', new IntakeBudget(limits)),
      over.sink,
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IntakeLimitError);
    expect(error).toMatchObject({ limit: 'file_size', fileName: 'over.pdf', maxAllowed: 1000 });
    expect(over.bytes().length).toBeLessThanOrEqual(1000);
  });

  it('stops the file that takes a submission past its total', async () => {
    const budget = new IntakeBudget({ maxFileBytes: 1000, maxTotalBytes: 1500, maxFiles: 10 });
    const pdf = samplePdf();
    await pipeline(
      chunksOf(Buffer.alloc(1000), 100),
      new IntakeLimitTransform('first.bin', budget),
      collector().sink,
    );
    await pipeline(chunksOf(pdf, 100), new IntakeLimitTransform('second.pdf', budget), collector().sink);
    const third = pipeline(
      chunksOf(Buffer.alloc(1500 - 1000 - pdf.length + 1), 100),
      new IntakeLimitTransform('third.pdf', budget),
      collector().sink,
    );
    await expect(third).rejects.toMatchObject({ limit: 'total_size', fileName: 'third.pdf' });
  });

  it('stops reading a stream that goes on past the limit instead of draining it', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 1024;
        this.push(Buffer.alloc(1024));
      },
    });
    const budget = new IntakeBudget({ maxFileBytes: 10_240, maxTotalBytes: 10_240, maxFiles: 1 });
    await expect(
      pipeline(endless, new IntakeLimitTransform('endless.mp4', budget), collector().sink),
    ).rejects.toThrow(IntakeLimitError);
    expect(produced).toBeLessThan(200 * 1024);
  });
});
