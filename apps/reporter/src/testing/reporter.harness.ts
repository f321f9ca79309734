import { randomBytes } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import { Client } from 'pg';
import {
  BeginIntakeReply,
  Caller,
  EventEnvelope,
  ReporterRpc,
  RpcOperation,
  SubmissionFields,
  SubmissionReceiptReply,
  StagedAttachmentView,
} from '@app/contracts';
import { RunningService, startService } from '@app/host';
import { NatsNamespace, NatsRpcClient, RemoteError } from '@app/messaging';
import { loadConfig } from '@app/runtime';
import { createTestDatabase, TestDatabase } from '@test/support/test-database';
import { TEST_NATS_URL } from '@test/support/test-nats';
import { ReporterEnv } from '../reporter.config';
import { ReporterModule } from '../reporter.module';
import { hashTrackingCode } from '../crypto/tracking-code';
import { HousekeepingJob } from '../housekeeping/housekeeping.job';
import { ChunkClient, fingerprintOf, UploadFile } from './chunk-client';

export interface Failure {
  status: number;
  code: string;
  message: string;
  errors?: { field: string; message: string }[];
  retryAfterSeconds?: number;
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: Failure };

export async function settle<T>(call: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await call };
  } catch (error) {
    if (error instanceof RemoteError) {
      const { status, code, message, errors, retryAfterSeconds } = error;
      return { ok: false, error: { status, code, message, errors, retryAfterSeconds } };
    }
    throw error;
  }
}

export const CONTACT_KEYS = `k1:${randomBytes(32).toString('base64')}`;

export const SUBMITTER = {
  name: 'Мария Источникова',
  email: 'maria.source@example.org',
  phone: '+7 912 555-01-23',
  location: 'Тверская улица, 7, подъезд 3',
};

export function submissionFields(overrides: Partial<SubmissionFields> = {}): SubmissionFields {
  return {
    title: 'Прорыв трубы на Тверской',
    body: 'Вода заливает тротуар с утра.',
    category: 'city',
    consent: true,
    ...SUBMISSION_CONTACT,
    ...overrides,
  };
}

const SUBMISSION_CONTACT = {
  name: SUBMITTER.name,
  email: SUBMITTER.email,
  phone: SUBMITTER.phone,
  location: SUBMITTER.location,
};

/**
 * The reporter service on the real PostgreSQL (a database of its own) and NATS (a namespace of its
 * own), in this process, or its environment for a child process; called as the gateway would.
 */
export class ReporterHarness {
  readonly run = randomBytes(4).toString('hex');
  private seq = 0;
  db!: TestDatabase;
  pg!: Client;
  nc!: NatsConnection;
  rpc!: NatsRpcClient;
  chunks!: ChunkClient;
  namespace!: NatsNamespace;
  private service?: RunningService;

  /** Opens the database and NATS; `startInProcess` then runs the service here. */
  async open(): Promise<this> {
    this.db = await createTestDatabase('reporter_test');
    this.pg = new Client({ connectionString: this.db.url });
    await this.pg.connect();
    this.nc = await connect({ servers: TEST_NATS_URL.split(',') });
    this.namespace = new NatsNamespace(`reporter_${this.run}`);
    this.rpc = new NatsRpcClient(this.nc, 30000, undefined, this.namespace);
    this.chunks = new ChunkClient(this.nc, this.namespace);
    return this;
  }

  /** The environment the service runs with, here or in a child process. */
  env(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      NATS_URL: TEST_NATS_URL,
      NATS_PREFIX: this.namespace.prefix,
      EVENTS_STREAM: `REPORTER_TEST_${this.run.toUpperCase()}`,
      DATABASE_URL: this.db.url,
      DATABASE_POOL_MAX: '20',
      LOG_LEVEL: 'error',
      DEMO: 'false',
      REPORTER_CONTACT_KEYS: CONTACT_KEYS,
      SUBMISSIONS_PER_ADDRESS_PER_HOUR: '1000',
      ...overrides,
    };
  }

  async startInProcess(env: NodeJS.ProcessEnv = {}): Promise<this> {
    const config = loadConfig(ReporterEnv, this.env(env));
    this.service = await startService({
      name: 'reporter',
      config,
      module: ReporterModule.register(config, this.db.url, { stream: config.EVENTS_STREAM }),
    });
    return this;
  }

  get housekeeping(): HousekeepingJob {
    return this.service!.app.get(HousekeepingJob);
  }

  async stopService(): Promise<void> {
    await this.service?.close();
    this.service = undefined;
  }

  async stop(): Promise<void> {
    await this.stopService();
    await this.nc
      ?.jetstreamManager()
      .then((jsm) => jsm.streams.delete(this.namespace.name(`REPORTER_TEST_${this.run.toUpperCase()}`)))
      .catch(() => undefined);
    await this.nc?.drain();
    await this.pg?.end();
    await this.db?.drop();
  }

  call<TRequest extends object, TReply>(
    operation: RpcOperation<TRequest, TReply>,
    request: TRequest,
  ): Promise<TReply> {
    return this.rpc.call(operation, request);
  }

  address(): string {
    this.seq += 1;
    return `addr-${this.run}-${this.seq}`;
  }

  staff(role: 'moderator' | 'editor' | 'admin' = 'moderator'): Caller {
    this.seq += 1;
    return {
      readerId: null,
      staffId: `staff-${this.seq}`,
      roles: [role],
      addressHash: null,
      portalName: null,
    };
  }

  async openIntake(addressHash: string): Promise<BeginIntakeReply> {
    return this.call(ReporterRpc.beginIntake, { addressHash });
  }

  /** The whole post: begin, every file, complete. */
  async submit(
    files: UploadFile[] = [],
    options: {
      address?: string;
      key?: string;
      fields?: Partial<SubmissionFields>;
      locale?: 'ru' | 'en';
    } = {},
  ): Promise<{ receipt: SubmissionReceiptReply; attachments: StagedAttachmentView[] }> {
    const address = options.address ?? this.address();
    const begun = await this.openIntake(address);
    const attachments: StagedAttachmentView[] = [];
    for (const [index, file] of files.entries()) {
      attachments.push(await this.chunks.sendFile(begun.chunkSubject, begun.intakeId, index, file));
    }
    const fields = submissionFields(options.fields);
    const receipt = await this.call(ReporterRpc.completeIntake, {
      intakeId: begun.intakeId,
      addressHash: address,
      ...(options.key ? { idempotencyKeyHash: options.key } : {}),
      fingerprint: fingerprintOf(
        fields,
        attachments.map((a) => a.sha256),
      ),
      locale: options.locale ?? 'ru',
      fields,
    });
    return { receipt, attachments };
  }

  async idOf(trackingCode: string): Promise<string> {
    const row = await this.one<{ id: string }>(
      `select id from reporter.submission where tracking_code_hash = $1`,
      [hashTrackingCode(trackingCode)],
    );
    return row.id;
  }

  async one<T>(sql: string, params: unknown[] = []): Promise<T> {
    return (await this.pg.query(sql, params)).rows[0] as T;
  }

  async count(table: string): Promise<number> {
    return (await this.one<{ n: number }>(`select count(*)::int as n from reporter.${table}`)).n;
  }

  async rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of ['intake', 'attachment', 'attachment_chunk', 'submission']) {
      counts[table] = await this.count(table);
    }
    return counts;
  }

  async eventsOf(submissionId: string): Promise<EventEnvelope[]> {
    const { rows } = await this.pg.query<{ payload: EventEnvelope }>(
      `select payload from reporter.outbox_event where payload->'data'->>'submissionId' = $1 order by created_at`,
      [submissionId],
    );
    return rows.map((row) => row.payload);
  }
}
