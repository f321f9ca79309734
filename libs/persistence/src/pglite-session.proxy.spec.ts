import { AddressInfo, connect, createServer, Server, Socket } from 'node:net';
import { startSessionProxy, type SessionProxy } from './pglite-session.proxy';
import { waitFor } from '@test/support/wait-for';

function typed(type: string, body = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0);
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

function startup(): Buffer {
  const message = Buffer.alloc(8);
  message.writeInt32BE(8, 0);
  message.writeInt32BE(196608, 4);
  return message;
}

const readyForQuery = (status: 'I' | 'T'): Buffer => typed('Z', Buffer.from(status));

/** Stands in for PGlite's socket server: logs which connection sent what, answers Sync/Query. */
async function fakeUpstream(log: string[]): Promise<Server> {
  let next = 0;
  const server = createServer((socket: Socket) => {
    const id = `c${next++}`;
    let started = false;
    let inTransaction = false;
    socket.on('data', (chunk: Buffer) => {
      let offset = 0;
      while (offset < chunk.length) {
        if (!started) {
          started = true;
          offset += chunk.readInt32BE(offset);
          socket.write(readyForQuery('I'));
          continue;
        }
        const type = String.fromCharCode(chunk[offset]);
        const body = chunk.subarray(offset + 5, offset + 1 + chunk.readInt32BE(offset + 1));
        offset += 1 + chunk.readInt32BE(offset + 1);
        log.push(`${id}:${type}${body.length ? `:${body.toString()}` : ''}`);
        if (type === 'Q')
          inTransaction = body.toString() === 'begin' || (inTransaction && body.toString() !== 'commit');
        if (type === 'S' || type === 'Q') socket.write(readyForQuery(inTransaction ? 'T' : 'I'));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function client(port: number): Promise<{ socket: Socket; replies: () => number }> {
  const socket = connect(port, '127.0.0.1');
  let replies = 0;
  socket.on('data', (chunk: Buffer) => {
    for (let i = 0; i < chunk.length; i += 6) if (chunk[i] === 'Z'.charCodeAt(0)) replies++;
  });
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  socket.write(startup());
  await until(() => replies === 1);
  return { socket, replies: () => replies };
}

const until = (check: () => boolean): Promise<void> => waitFor(check, 1000, 'the proxy', 5);

/**
 * These tests show that a message is *not* forwarded while another client holds the session; an
 * absence has no event to await, so they give it this long to arrive wrongly.
 */
const HOLD_BACK_WINDOW_MS = 50;
const holdBackWindow = (): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, HOLD_BACK_WINDOW_MS));

describe('PGlite session proxy', () => {
  let upstream: Server;
  let proxy: SessionProxy;
  const log: string[] = [];

  beforeEach(async () => {
    log.length = 0;
    upstream = await fakeUpstream(log);
    proxy = await startSessionProxy('127.0.0.1', (upstream.address() as AddressInfo).port);
  });

  afterEach(async () => {
    await proxy.close();
    await new Promise((resolve) => upstream.close(resolve));
  });

  it('holds back a second client until the first one has synced its extended query', async () => {
    const a = await client(proxy.port);
    const b = await client(proxy.port);
    a.socket.write(typed('P', Buffer.from('a')));
    await until(() => log.length === 1);
    b.socket.write(Buffer.concat([typed('P', Buffer.from('b')), typed('S')]));
    await holdBackWindow();
    expect(log).toEqual(['c0:P:a']);
    a.socket.write(typed('S'));
    await until(() => log.length === 4);
    expect(log).toEqual(['c0:P:a', 'c0:S', 'c1:P:b', 'c1:S']);
    a.socket.destroy();
    b.socket.destroy();
  });

  it('keeps the session for a client for its whole transaction', async () => {
    const a = await client(proxy.port);
    const b = await client(proxy.port);
    a.socket.write(typed('Q', Buffer.from('begin')));
    await until(() => a.replies() === 2);
    b.socket.write(typed('Q', Buffer.from('select')));
    a.socket.write(typed('Q', Buffer.from('insert')));
    await until(() => a.replies() === 3);
    await holdBackWindow();
    a.socket.write(typed('Q', Buffer.from('commit')));
    await until(() => b.replies() === 2);
    expect(log).toEqual(['c0:Q:begin', 'c0:Q:insert', 'c0:Q:commit', 'c1:Q:select']);
    a.socket.destroy();
    b.socket.destroy();
  });

  it('lets the next client in when the one holding the session disconnects', async () => {
    const a = await client(proxy.port);
    const b = await client(proxy.port);
    a.socket.write(typed('P', Buffer.from('a')));
    await until(() => log.length === 1);
    b.socket.write(typed('Q', Buffer.from('select')));
    a.socket.destroy();
    await until(() => b.replies() === 2);
    expect(log).toEqual(['c0:P:a', 'c1:Q:select']);
    b.socket.destroy();
  });
});
