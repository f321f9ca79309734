import { createServer, IncomingMessage, Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { ClientGoneError, inChunksOf, MultipartLimits, readMultipartForm } from './multipart-form.reader';
import { FormTooLargeError, MalformedFormError } from './submission.errors';

const BOUNDARY = 'xYzBoundary';
const limits: MultipartLimits = { fields: 3, fieldBytes: 40, files: 2, partHeaderBytes: 1024 };

function part(name: string, value: string | Buffer, fileName?: string): Buffer {
  const disposition = `form-data; name="${name}"${fileName === undefined ? '' : `; filename="${fileName}"`}`;
  const type = fileName === undefined ? '' : 'Content-Type: application/octet-stream\r\n';
  return Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`),
    Buffer.isBuffer(value) ? value : Buffer.from(value),
    Buffer.from('\r\n'),
  ]);
}
const end = Buffer.from(`--${BOUNDARY}--\r\n`);

interface Seen {
  fields: [string, string, boolean][];
  files: [string, string, number][];
  outcome?: unknown;
}

/** A plain HTTP server whose one route reads its request with the reader and records what it saw. */
async function withServer(
  run: (port: number, seen: Promise<Seen>) => Promise<void>,
  onFile?: (content: Readable) => Promise<number>,
): Promise<void> {
  let record!: (seen: Seen) => void;
  const seen = new Promise<Seen>((resolve) => (record = resolve));
  const server: Server = createServer((request: IncomingMessage, response) => {
    const result: Seen = { fields: [], files: [] };
    readMultipartForm(request, limits, {
      field: (name, value, truncated) => void result.fields.push([name, value, truncated]),
      file: async (field, fileName, content) => {
        let bytes = 0;
        if (onFile) bytes = await onFile(content);
        else for await (const piece of content) bytes += (piece as Buffer).length;
        result.files.push([field, fileName, bytes]);
      },
    }).then(
      () => {
        record(result);
        response.end('ok');
      },
      (error: unknown) => {
        record({ ...result, outcome: error });
        response.end('refused');
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run((server.address() as AddressInfo).port, seen);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

function post(port: number, body: Buffer, contentType = `multipart/form-data; boundary=${BOUNDARY}`) {
  return fetch(`http://127.0.0.1:${port}/`, {
    method: 'POST',
    body,
    headers: { 'content-type': contentType },
  });
}

describe('readMultipartForm', () => {
  it('hands over fields and files in the order they arrive', async () => {
    await withServer(async (port, seen) => {
      const photo = Buffer.alloc(300 * 1024, 7);
      const body = Buffer.concat([
        part('title', 'Пожар'),
        part('files', photo, 'a.jpg'),
        part('body', 'склад'),
        end,
      ]);
      expect((await post(port, body)).status).toBe(200);
      const result = await seen;
      expect(result.outcome).toBeUndefined();
      expect(result.fields).toEqual([
        ['title', 'Пожар', false],
        ['body', 'склад', false],
      ]);
      expect(result.files).toEqual([['files', 'a.jpg', photo.length]]);
    });
  });

  it('marks a field cut at its byte limit', async () => {
    await withServer(async (port, seen) => {
      await post(port, Buffer.concat([part('body', 'x'.repeat(41)), end]));
      expect((await seen).fields).toEqual([['body', 'x'.repeat(40), true]]);
    });
  });

  it('refuses more fields than the form has', async () => {
    await withServer(async (port, seen) => {
      await post(port, Buffer.concat([part('a', '1'), part('b', '2'), part('c', '3'), part('d', '4'), end]));
      expect((await seen).outcome).toBeInstanceOf(FormTooLargeError);
    });
  });

  it('does not hand over a part whose headers pass their byte limit', async () => {
    await withServer(async (port, seen) => {
      const long = Buffer.from(
        `--${BOUNDARY}\r\nX-Padding: ${'p'.repeat(2000)}\r\nContent-Disposition: form-data; name="title"\r\n\r\nhidden\r\n`,
      );
      await post(port, Buffer.concat([long, part('body', 'shown'), end]));
      expect((await seen).fields).toEqual([['body', 'shown', false]]);
    });
  });

  it('refuses a body without a boundary or cut short as malformed', async () => {
    await withServer(async (port, seen) => {
      await post(port, Buffer.from('x'), 'multipart/form-data');
      expect((await seen).outcome).toBeInstanceOf(MalformedFormError);
    });
    await withServer(async (port, seen) => {
      await post(port, part('title', 'no end'));
      expect((await seen).outcome).toBeInstanceOf(MalformedFormError);
    });
  });

  it('passes a file handler refusal on and stops reading', async () => {
    const refusal = new Error('too big');
    await withServer(
      async (port, seen) => {
        const body = Buffer.concat([
          part('files', Buffer.alloc(1024 * 1024), 'big.mp4'),
          part('title', 'after'),
          end,
        ]);
        await post(port, body).catch(() => undefined);
        const result = await seen;
        expect(result.outcome).toBe(refusal);
        expect(result.fields).toEqual([]);
      },
      async (content) => {
        for await (const piece of content) if ((piece as Buffer).length > 0) throw refusal;
        return 0;
      },
    );
  });

  it('notices a client that goes away in the middle of a file', async () => {
    await withServer(async (port, seen) => {
      const socket = connect(port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      const head = part('files', Buffer.alloc(64 * 1024, 1), 'half.jpg').subarray(0, 40 * 1024);
      socket.write(
        `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\n` +
          `Content-Length: 1000000\r\n\r\n`,
      );
      socket.write(head);
      setTimeout(() => socket.destroy(), 50);
      expect((await seen).outcome).toBeInstanceOf(ClientGoneError);
    });
  });
});

describe('inChunksOf', () => {
  async function collect(pieces: number[], size: number): Promise<{ sizes: number[]; counted: number[] }> {
    const counted: number[] = [];
    const sizes: number[] = [];
    const source = Readable.from(pieces.map((length) => Buffer.alloc(length, 1)));
    for await (const chunk of inChunksOf(source, size, (bytes) => counted.push(bytes))) {
      sizes.push(chunk.last ? -chunk.bytes.length : chunk.bytes.length);
    }
    return { sizes, counted };
  }

  it('cuts and joins pieces into chunks of the size, the last one marked (empty when the bytes end on a chunk)', async () => {
    expect((await collect([3, 5, 4], 4)).sizes).toEqual([4, 4, 4, -0]);
    expect((await collect([3, 5, 3], 4)).sizes).toEqual([4, 4, -3]);
    expect((await collect([10], 4)).sizes).toEqual([4, 4, -2]);
    expect((await collect([], 4)).sizes).toEqual([-0]);
  });

  it('counts each piece as it arrives', async () => {
    expect((await collect([3, 5, 4], 4)).counted).toEqual([3, 5, 4]);
  });
});
