import { hostname } from 'node:os';
import { intakeChunkSubject } from '@app/contracts';
import type { NatsNamespace } from '@app/messaging';

/** This copy of the service: the name its intakes are recorded under and its own chunk subject. */
export class ReporterInstance {
  readonly chunkSubject: string;

  constructor(
    readonly id: string,
    namespace: NatsNamespace,
  ) {
    this.chunkSubject = namespace.subject(intakeChunkSubject(id));
  }

  /**
   * REPORTER_INSTANCE_ID when set (stable across restarts, so a copy sweeps its own unfinished uploads
   * when it starts again); else the host name and process id, unique among copies on one host.
   */
  static idFrom(configured: string | undefined): string {
    if (configured) return configured;
    const host =
      hostname()
        .replace(/[^A-Za-z0-9_-]/g, '_')
        .slice(0, 48) || 'host';
    return `${host}-${process.pid}`;
  }
}
