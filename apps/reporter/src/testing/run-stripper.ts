import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Feeds `bytes` through a stream in chunks of `chunkSize` and returns what came out. */
export async function runThrough(stream: Transform, bytes: Buffer, chunkSize = 7): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    chunks.push(bytes.subarray(offset, offset + chunkSize));
  }
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(chunks),
    stream,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        out.push(chunk);
        callback();
      },
    }),
  );
  return Buffer.concat(out);
}
