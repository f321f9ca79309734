import { AddressInfo, createServer, Server, Socket, connect } from 'node:net';

const SSL_REQUEST_CODE = 80877103;
const GSSENC_REQUEST_CODE = 80877104;

/** Frames a byte stream into PostgreSQL protocol messages. */
class MessageReader {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private expectUntyped: boolean) {}

  /** Startup-phase messages have no type byte; everything after does. */
  typedFromNowOn(): void {
    this.expectUntyped = false;
  }

  push(chunk: Buffer): { type: string | null; bytes: Buffer }[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const messages: { type: string | null; bytes: Buffer }[] = [];
    for (;;) {
      const untyped = this.expectUntyped;
      const header = untyped ? 4 : 5;
      if (this.buffer.length < header) break;
      const length = this.buffer.readInt32BE(untyped ? 0 : 1);
      const total = untyped ? length : length + 1;
      if (this.buffer.length < total) break;
      const bytes = this.buffer.subarray(0, total);
      this.buffer = this.buffer.subarray(total);
      messages.push({ type: untyped ? null : String.fromCharCode(bytes[0]), bytes });
      if (untyped) {
        const code = bytes.readInt32BE(4);
        // After SSL/GSS negotiation the client sends another untyped startup message.
        if (code !== SSL_REQUEST_CODE && code !== GSSENC_REQUEST_CODE) this.expectUntyped = false;
      }
    }
    return messages;
  }
}

/** A FIFO lock: one client at a time owns the single PGlite session. */
class SessionLock {
  private owner: object | undefined;
  private readonly waiters: { who: object; grant: () => void }[] = [];

  acquire(who: object): Promise<void> {
    if (this.owner === who) return Promise.resolve();
    if (this.owner === undefined) {
      this.owner = who;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push({ who, grant: resolve }));
  }

  release(who: object): void {
    const waiting = this.waiters.findIndex((waiter) => waiter.who === who);
    if (waiting >= 0) this.waiters.splice(waiting, 1);
    if (this.owner !== who) return;
    const next = this.waiters.shift();
    this.owner = next?.who;
    next?.grant();
  }
}

/**
 * PGlite is a single PostgreSQL session. Its socket server interleaves the messages of its clients,
 * so two clients running parameterised queries at once overwrite each other's unnamed prepared
 * statement ("unnamed prepared statement does not exist"). This proxy in front of it lets one client
 * at a time through, from its first message until PGlite answers ReadyForQuery "idle" for every
 * Sync or Query it sent: a whole query cycle, or a whole transaction, never interleaves.
 */
export interface SessionProxy {
  port: number;
  close(): Promise<void>;
}

export async function startSessionProxy(
  upstreamHost: string,
  upstreamPort: number,
  port = 0,
): Promise<SessionProxy> {
  const lock = new SessionLock();
  const clients = new Set<Socket>();
  const server: Server = createServer((client) => {
    clients.add(client);
    client.once('close', () => clients.delete(client));
    serve(client, lock, upstreamHost, upstreamPort);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of clients) client.destroy();
        server.close(() => resolve());
      }),
  };
}

function serve(client: Socket, lock: SessionLock, upstreamHost: string, upstreamPort: number): void {
  const id = {};
  const upstream = connect(upstreamPort, upstreamHost);
  client.setNoDelay(true);
  upstream.setNoDelay(true);
  const fromClient = new MessageReader(true);
  const fromServer = new MessageReader(false);
  const queue: { type: string | null; bytes: Buffer }[] = [];
  let holding = false;
  let acquiring = false;
  let awaitingReady = 0;
  let midCycle = false;
  let idle = true;
  let closed = false;

  const close = (): void => {
    if (closed) return;
    closed = true;
    client.destroy();
    upstream.destroy();
    lock.release(id);
  };

  const forward = (message: { type: string | null; bytes: Buffer }): void => {
    if (message.type === null) {
      const code = message.bytes.readInt32BE(4);
      if (code === SSL_REQUEST_CODE || code === GSSENC_REQUEST_CODE) {
        client.write('N');
        return;
      }
      awaitingReady += 1; // the startup message ends with ReadyForQuery
      upstream.write(message.bytes);
      return;
    }
    if (message.type === 'S' || message.type === 'Q' || message.type === 'F') {
      awaitingReady += 1;
      midCycle = false;
    } else if (message.type !== 'X') {
      midCycle = true;
    }
    upstream.write(message.bytes);
  };

  const pump = (): void => {
    if (closed || queue.length === 0) return;
    if (holding) {
      while (queue.length > 0) forward(queue.shift()!);
      return;
    }
    if (acquiring) return;
    acquiring = true;
    void lock.acquire(id).then(() => {
      acquiring = false;
      if (closed) {
        lock.release(id);
        return;
      }
      holding = true;
      pump();
    });
  };

  client.on('data', (chunk: Buffer) => {
    queue.push(...fromClient.push(chunk));
    pump();
  });

  upstream.on('data', (chunk: Buffer) => {
    client.write(chunk);
    for (const message of fromServer.push(chunk)) {
      if (message.type !== 'Z') continue;
      awaitingReady = Math.max(0, awaitingReady - 1);
      idle = String.fromCharCode(message.bytes[5]) === 'I';
    }
    if (holding && awaitingReady === 0 && !midCycle && idle) {
      holding = false;
      lock.release(id);
      pump();
    }
  });

  client.on('close', close);
  client.on('error', close);
  upstream.on('close', close);
  upstream.on('error', close);
}
