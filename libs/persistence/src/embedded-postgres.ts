import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startSessionProxy } from './pglite-session.proxy';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

const PGLITE_PREFIX = 'pglite:';

export function isEmbeddedUrl(url: string): boolean {
  return url.startsWith(PGLITE_PREFIX);
}

/**
 * Starts PGlite (PostgreSQL compiled to WebAssembly) in this process behind a local socket, so the
 * ordinary PostgreSQL driver can talk to it. `pglite:memory` keeps nothing; `pglite:<folder>` keeps
 * data in that folder. Meant for trying the suite out, not for production.
 */
export async function startEmbeddedPostgres(url: string, port = 0): Promise<EmbeddedPostgres> {
  const target = url.slice(PGLITE_PREFIX.length);
  // The packages are ESM-only; a dynamic import keeps them out of processes that never need them.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  let db: InstanceType<typeof PGlite>;
  if (target === 'memory' || target === '') {
    db = await PGlite.create();
  } else {
    const dataDir = resolve(target);
    mkdirSync(dataDir, { recursive: true });
    db = await PGlite.create({ dataDir });
  }
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 200 });
  await server.start();
  const [host, socketPort] = server.getServerConn().split(':');
  const proxy = await startSessionProxy(host, Number(socketPort), port);
  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://postgres@127.0.0.1:${proxy.port}/postgres`,
    // Idempotent: a process may stop it on purpose and again from an exit hook.
    stop() {
      stopped ??= proxy
        .close()
        .then(() => server.stop())
        .then(() => db.close());
      return stopped;
    },
  };
}
