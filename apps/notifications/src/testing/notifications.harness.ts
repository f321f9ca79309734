import { randomBytes, randomUUID } from 'node:crypto';
import { connect, headers as natsHeaders, JSONCodec, NatsConnection } from 'nats';
import { Client } from 'pg';
import type { Type } from '@nestjs/common';
import {
  Caller,
  eventTypeOf,
  EventClass,
  EventEnvelope,
  RpcOperation,
  Role,
  StaffAccountChangedV1,
} from '@app/contracts';
import { RunningService, startService } from '@app/host';
import { NatsNamespace, NatsRpcClient } from '@app/messaging';
import { loadConfig } from '@app/runtime';
import { createTestDatabase, TestDatabase } from '@test/support/test-database';
import { TEST_NATS_URL } from '@test/support/test-nats';
import { waitFor } from '@test/support/wait-for';
import { NotificationsEnv } from '../notifications.config';
import { NotificationsModule } from '../notifications.module';
import { SmtpListener } from '@test/support/smtp-listener';

export const TEST_UNSUBSCRIBE_SECRET = 'Zq7vK2pX9mLw4RtY8nBc3HjE6sUa1DfG';

const codec = JSONCodec<EventEnvelope>();

export interface StaffMember {
  staffId: string;
  email: string;
  roles: Role[];
  caller: Caller;
}

/**
 * The notifications service started in this process (one copy or more) on the real PostgreSQL (a
 * database of its own), NATS (a namespace of its own) and a real SMTP listener; events are published
 * to JetStream as a publisher's outbox relay would.
 */
export class NotificationsHarness {
  readonly run = randomBytes(4).toString('hex');
  readonly smtp = new SmtpListener();
  db!: TestDatabase;
  pg!: Client;
  nc!: NatsConnection;
  rpc!: NatsRpcClient;
  namespace!: NatsNamespace;
  readonly copies: RunningService[] = [];
  private env: NodeJS.ProcessEnv = {};
  private stream = `NOTIFY_TEST_${this.run.toUpperCase()}`;
  /** Set when the stream belongs to another service's test, which removes it. */
  private sharedStream = false;
  private seq = 0;

  /** `beside` runs the service in another test's NATS namespace and stream (to meet a real publisher). */
  async start(
    env: NodeJS.ProcessEnv = {},
    beside?: { namespace: NatsNamespace; stream: string },
  ): Promise<this> {
    await this.smtp.start();
    this.db = await createTestDatabase('notifications_test');
    this.pg = new Client({ connectionString: this.db.url });
    await this.pg.connect();
    this.nc = await connect({ servers: TEST_NATS_URL.split(',') });
    this.namespace = beside?.namespace ?? new NatsNamespace(`notify_${this.run}`);
    if (beside) {
      this.stream = beside.stream;
      this.sharedStream = true;
    }
    this.env = {
      NATS_URL: TEST_NATS_URL,
      NATS_PREFIX: this.namespace.prefix,
      DATABASE_URL: this.db.url,
      DATABASE_POOL_MAX: '10',
      LOG_LEVEL: 'error',
      SMTP_URL: this.smtp.url,
      MAIL_FROM: 'Newsroom <news@engage.test>',
      UNSUBSCRIBE_SECRET: TEST_UNSUBSCRIBE_SECRET,
      PUBLIC_BASE_URL: 'https://engage.test',
      DIGEST_WINDOW_MINUTES: '1',
      DELIVERY_RETRY_BASE_MS: '50',
      DELIVERY_RETRY_MAX_MS: '200',
      DELIVERY_POLL_MS: '50',
      ...env,
    };
    await this.startCopy();
    this.rpc = new NatsRpcClient(this.nc, 30000, undefined, this.namespace);
    return this;
  }

  /** One more copy of the service on the same database and stream; `env` changes its configuration. */
  async startCopy(env: NodeJS.ProcessEnv = {}): Promise<RunningService> {
    const config = loadConfig(NotificationsEnv, { ...this.env, ...env });
    const copy = await startService({
      name: 'notifications',
      config,
      module: NotificationsModule.register(config, this.db.url, { stream: this.stream }),
    });
    this.copies.push(copy);
    return copy;
  }

  async stopCopy(copy: RunningService): Promise<void> {
    this.copies.splice(this.copies.indexOf(copy), 1);
    await copy.close();
  }

  /** A provider of the first copy (or of `copy`). */
  get<T>(type: Type<T>, copy: RunningService = this.copies[0]): T {
    return copy.app.get(type, { strict: false });
  }

  async stop(): Promise<void> {
    for (const copy of this.copies.splice(0)) await copy.close();
    if (!this.sharedStream) {
      await this.nc
        ?.jetstreamManager()
        .then((jsm) => jsm.streams.delete(this.namespace.name(this.stream)))
        .catch(() => undefined);
    }
    await this.nc?.drain();
    await this.pg?.end();
    await this.db?.drop();
    await this.smtp.stop();
  }

  call<TRequest extends object, TReply>(
    operation: RpcOperation<TRequest, TReply>,
    request: TRequest,
  ): Promise<TReply> {
    return this.rpc.call(operation, request);
  }

  /**
   * Publishes an event as a relay would; `id` repeats an event (a redelivery), and a fresh message id
   * keeps JetStream's duplicate window from dropping the repeat, so the consumer really sees it again.
   */
  async publish<T extends object>(
    eventClass: EventClass<T>,
    data: T,
    id: string = randomUUID(),
  ): Promise<string> {
    const { type, version } = eventTypeOf(eventClass);
    const envelope: EventEnvelope = { id, type, version, occurredAt: new Date().toISOString(), data };
    const headers = natsHeaders();
    headers.set('Nats-Msg-Id', randomUUID());
    await this.nc
      .jetstream()
      .publish(this.namespace.subject(`events.${type}`), codec.encode(envelope), { headers });
    return id;
  }

  /** A staff account as the gateway announces it; resolves once the directory has it. */
  async staff(roles: Role[], locale: 'ru' | 'en' = 'ru'): Promise<StaffMember> {
    this.seq += 1;
    const staffId = randomUUID();
    const email = `staff-${this.run}-${this.seq}@newsroom.test`;
    await this.publish(StaffAccountChangedV1, { staffId, email, roles, locale, deleted: false });
    await this.until(
      async () => (await this.count('recipient', 'staff_id = $1', [staffId])) === 1,
      'the directory',
    );
    return {
      staffId,
      email,
      roles,
      caller: { staffId, roles, readerId: null, addressHash: null, portalName: null },
    };
  }

  async count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
    const { rows } = await this.pg.query<{ count: string }>(
      `select count(*) as count from notifications.${table} where ${where}`,
      params,
    );
    return Number(rows[0].count);
  }

  async rows<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pg.query(sql, params)).rows as T[];
  }

  until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20000): Promise<void> {
    return waitFor(condition, timeoutMs, what);
  }
}
