import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { Busboy } from '@fastify/busboy';
import { DomainError } from '@app/contracts';
import { FormTooLargeError, MalformedFormError } from './submission.errors';

/** How much of a multipart body the reader accepts before it stops reading (413). */
export interface MultipartLimits {
  /** Text fields of the form. */
  readonly fields: number;
  /** Bytes of one text field (the form checks characters after that). */
  readonly fieldBytes: number;
  /** File parts. One more than the intake allows is let through, so its refusal can name it. */
  readonly files: number;
  /** Bytes of one part's headers; longer ones are cut, which leaves the part unnamed and skipped. */
  readonly partHeaderBytes: number;
}

/** What the reader does with each part, in the order the parts arrive. */
export interface MultipartHandlers {
  field(name: string, value: string, truncated: boolean): void;
  /** Consumes the file's bytes; the next part is not read before this settles. */
  file(fieldName: string, fileName: string, content: Readable): Promise<void>;
}

/** The client closed the connection before its body was complete. */
export class ClientGoneError extends DomainError {
  constructor() {
    super('client_gone', 400, 'The client went away before the form was complete.');
  }
}

/**
 * Reads a `multipart/form-data` request as it streams, with @fastify/busboy: fields as they end, files
 * one at a time as readable streams. While a file handler awaits (a chunk sent on), nothing reads that
 * file's stream, so busboy holds back the request's bytes and the request stream pauses: memory stays
 * at a few buffers whatever the size of the files. The promise rejects at the first refusal, at a
 * malformed body or when the client goes away, once the file handler at work has stopped; the request
 * is then no longer read.
 */
export function readMultipartForm(
  request: IncomingMessage,
  limits: MultipartLimits,
  handlers: MultipartHandlers,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let files: Promise<void> = Promise.resolve();
    let current: Readable | undefined;

    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      request.unpipe(busboy);
      request.off('close', onClose);
      current?.destroy();
      // Settles once no file handler is at work any more (a chunk in flight has had its answer), so
      // whatever the caller does next (abort the intake) never races a chunk still on its way.
      void files
        .catch(() => undefined)
        .then(() => reject(error instanceof Error ? error : new Error(String(error))));
    };
    const onClose = (): void => {
      if (!request.complete) fail(new ClientGoneError());
    };

    let busboy: ReturnType<typeof Busboy>;
    try {
      busboy = Busboy({
        headers: request.headers as { 'content-type': string },
        limits: {
          fields: limits.fields,
          fieldSize: limits.fieldBytes,
          files: limits.files,
          parts: limits.fields + limits.files,
          headerSize: limits.partHeaderBytes,
        },
        isPartAFile: (_field, _type, fileName) => fileName !== undefined,
        fileHwm: 64 * 1024,
      });
    } catch (error) {
      reject(new MalformedFormError(error instanceof Error ? error.message : 'no boundary'));
      return;
    }

    busboy.on('field', (name, value, _nameTruncated, valueTruncated) => {
      if (settled) return;
      try {
        handlers.field(name, value, valueTruncated);
      } catch (error) {
        fail(error);
      }
    });
    busboy.on('file', (fieldName, stream, fileName) => {
      if (settled) {
        stream.resume();
        return;
      }
      // Files are handed over one after the other; busboy does not read past a file nobody reads.
      files = files.then(async () => {
        if (settled) return void stream.resume();
        current = stream;
        await handlers.file(fieldName, fileName, stream);
      });
      files.catch(fail);
    });
    busboy.on('fieldsLimit', () => fail(new FormTooLargeError('body', `more than ${limits.fields} fields`)));
    busboy.on('filesLimit', () => fail(new FormTooLargeError('files', `more than ${limits.files} files`)));
    busboy.on('partsLimit', () =>
      fail(new FormTooLargeError('body', `more than ${limits.fields + limits.files} parts`)),
    );
    busboy.on('error', (error: unknown) =>
      fail(new MalformedFormError(error instanceof Error ? error.message : String(error))),
    );
    busboy.on('finish', () => {
      files.then(() => {
        if (settled) return;
        settled = true;
        request.off('close', onClose);
        resolve();
      }, fail);
    });
    request.on('close', onClose);
    request.on('error', () => fail(new ClientGoneError()));
    request.pipe(busboy);
  });
}

/**
 * The bytes of `source` in pieces of exactly `size` bytes (the last one shorter, possibly empty), after
 * `count` has seen each piece as it arrived: a limit is refused at the piece that passes it, before a
 * byte of it is sent on.
 */
export async function* inChunksOf(
  source: AsyncIterable<Buffer>,
  size: number,
  count: (bytes: number) => void,
): AsyncGenerator<{ bytes: Buffer; last: boolean }> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of source) {
    count(piece.length);
    let offset = 0;
    while (offset < piece.length) {
      const take = Math.min(size - pendingBytes, piece.length - offset);
      pending.push(piece.subarray(offset, offset + take));
      pendingBytes += take;
      offset += take;
      if (pendingBytes === size) {
        yield { bytes: Buffer.concat(pending), last: false };
        pending = [];
        pendingBytes = 0;
      }
    }
  }
  yield { bytes: Buffer.concat(pending), last: true };
}
