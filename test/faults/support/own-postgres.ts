import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The cluster's parts, not the whole embedded server: this one must stop and start on the same port.
// eslint-disable-next-line no-restricted-imports
import { serverAccount } from '../../../libs/persistence/src/embedded-postgres.account';
// eslint-disable-next-line no-restricted-imports
import { findPostgresBinaries } from '../../../libs/persistence/src/embedded-postgres.binaries';
// eslint-disable-next-line no-restricted-imports
import {
  ClusterSettings,
  initCluster,
  RunningCluster,
  startCluster,
} from '../../../libs/persistence/src/embedded-postgres.cluster';
import { freePort } from '@test/support/free-port';

/**
 * A PostgreSQL of the test's own (the embedded-postgres binaries), on a port nobody else uses, so it
 * can be restarted under the suite without touching the machine's server. Unlike a throwaway cluster
 * it keeps fsync on: a restart must find every committed row.
 */
export class OwnPostgres {
  private cluster?: RunningCluster;

  private constructor(
    private readonly settings: ClusterSettings,
    readonly port: number,
  ) {}

  static async start(): Promise<OwnPostgres> {
    const settings: ClusterSettings = {
      binaries: findPostgresBinaries(),
      dataDir: mkdtempSync(join(tmpdir(), 'engage-faults-pg-')),
      account: serverAccount(() => undefined),
      throwaway: false,
      detached: false,
    };
    await initCluster(settings);
    const postgres = new OwnPostgres(settings, await freePort());
    await postgres.startServer();
    return postgres;
  }

  /** The `postgres` database, where the suite's own database is made. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** A fast shutdown (SIGINT: open sessions are ended) and a start on the same port and data. */
  async restart(): Promise<void> {
    await this.stopServer();
    await this.startServer();
  }

  async stopServer(): Promise<void> {
    await this.cluster?.stop();
    this.cluster = undefined;
  }

  async startServer(): Promise<void> {
    this.cluster = await startCluster(this.settings, this.port);
  }

  async stop(): Promise<void> {
    await this.stopServer();
    rmSync(this.settings.dataDir, { recursive: true, force: true });
  }
}
