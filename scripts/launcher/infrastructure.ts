import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { ensureDatabaseExists, startEmbeddedPostgres } from '@app/persistence';
import type { DatabaseDeps } from './database.choice';
import { logAs, type Log } from './log';
import { findOnPath, type NatsDeps, type NatsEndpoint } from './nats.choice';
import { postgresAnswers, tcpAnswers, waitUntil } from './probes';
import { describeExit, type Supervisor } from './supervisor';

const NATS_START_TIMEOUT_MS = 10000;

/** What the server logs at start and stop is routine; what it warns about is worth a line. */
const WORTH_SHOWING = /\b(WARNING|ERROR|FATAL|PANIC):/;

export function databaseDeps(log: Log): DatabaseDeps {
  const postgresLog = logAs('postgres');
  return {
    answers: (url) => postgresAnswers(url),
    startEmbedded: (embeddedUrl) =>
      startEmbeddedPostgres(embeddedUrl, {
        // Its own process group: Ctrl-C reaches the launcher, which stops the database after the apps.
        detached: true,
        say: log,
        onLog: (line) => {
          if (WORTH_SHOWING.test(line)) postgresLog(line);
        },
      }),
    ensureDatabase: (url) => ensureDatabaseExists(url),
  };
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** NATS probes and, when needed, a nats-server run under the given supervisor (so its log is prefixed). */
export function natsDeps(supervisor: Supervisor, storeDir: string): NatsDeps {
  return {
    answers: (endpoint: NatsEndpoint) =>
      tcpAnswers(endpoint.host === '0.0.0.0' ? '127.0.0.1' : endpoint.host, endpoint.port),
    findBinary: () => findOnPath('nats-server', process.env.PATH, isExecutableFile),
    async startServer(binary, args, endpoint) {
      mkdirSync(storeDir, { recursive: true });
      supervisor.start({ name: 'nats-server', command: binary, args });
      let exited = false;
      void supervisor.exitOf('nats-server').then((exit) => {
        exited = true;
        if (exit) lastExit = describeExit(exit);
      });
      let lastExit = '';
      const up = await waitUntil(
        async () => exited || (await tcpAnswers('127.0.0.1', endpoint.port, 500)),
        NATS_START_TIMEOUT_MS,
      );
      if (exited)
        throw new Error(`nats-server ${lastExit || 'stopped'} before it answered on port ${endpoint.port}`);
      if (!up)
        throw new Error(
          `nats-server did not answer on port ${endpoint.port} within ${NATS_START_TIMEOUT_MS} ms`,
        );
    },
  };
}
