import { createServer, Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { isMultipartForm, releaseUnreadBody } from './unread-body';

describe('isMultipartForm', () => {
  it('knows a multipart form by its media type, with its parameters', () => {
    expect(isMultipartForm('multipart/form-data; boundary=x')).toBe(true);
    expect(isMultipartForm('Multipart/Form-Data;boundary=x')).toBe(true);
  });

  it('refuses anything else, a form without parameters included', () => {
    expect(isMultipartForm(undefined)).toBe(false);
    expect(isMultipartForm('application/json')).toBe(false);
    expect(isMultipartForm('multipart/form-data')).toBe(false);
    expect(isMultipartForm('multipart/form-datax; boundary=x')).toBe(false);
  });
});

describe('releaseUnreadBody', () => {
  /** A server that refuses every request after its first bytes, as the gateway refuses a file too large. */
  async function refusingServer(): Promise<{ server: Server; url: URL; readAfterRefusal: () => number }> {
    let after = 0;
    const server = createServer((request, response) => {
      request.once('data', () => {
        request.pause();
        releaseUnreadBody(request);
        request.on('data', (chunk: Buffer) => (after += chunk.length));
        response.statusCode = 413;
        response.end('too large');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return { server, url, readAfterRefusal: () => after };
  }

  it('lets a client still sending read the refusal', async () => {
    const { server, url } = await refusingServer();
    try {
      const response = await fetch(url, { method: 'POST', body: Buffer.alloc(512 * 1024, 1) });
      expect(response.status).toBe(413);
      expect(await response.text()).toBe('too large');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('cuts off a client that keeps sending past the allowance of 1 MiB', async () => {
    const { server, url, readAfterRefusal } = await refusingServer();
    try {
      const socket = connect(Number(url.port), url.hostname);
      const gone = new Promise<void>((resolve) => {
        socket.on('error', () => undefined);
        socket.once('close', () => resolve());
      });
      socket.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${64 * 1024 * 1024}\r\n\r\n`);
      const piece = Buffer.alloc(64 * 1024, 1);
      // Sends as fast as the connection takes it, whatever the server answered, until it is cut off.
      while (!socket.destroyed && !socket.closed) {
        if (!socket.write(piece))
          await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), gone]);
      }
      await gone;
      expect(readAfterRefusal()).toBeGreaterThan(0);
      expect(readAfterRefusal()).toBeLessThanOrEqual(2 * 1024 * 1024);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
