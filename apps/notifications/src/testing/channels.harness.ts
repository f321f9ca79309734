import { randomBytes, randomUUID } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import { Client } from 'pg';
import type { Type } from '@nestjs/common';
import { Caller, RpcOperation } from '@app/contracts';
import { RunningService, startService } from '@app/host';
import { NatsNamespace, NatsRpcClient } from '@app/messaging';
import { loadConfig } from '@app/runtime';
import { createTestDatabase, TestDatabase } from '@test/support/test-database';
import { TEST_NATS_URL } from '@test/support/test-nats';
import { NotificationsEnv } from '../notifications.config';
import { NotificationsModule } from '../notifications.module';

/**
 * The notifications service started in this process on the real PostgreSQL (a database of its own)
 * and NATS (a namespace of its own), with a client that calls it as the gateway would. More copies of
 * the service may be started on the same database and namespace.
 */
export class ChannelsHarness {
  readonly run = randomBytes(4).toString('hex');
  private seq = 0;
  db!: TestDatabase;
  pg!: Client;
  nc!: NatsConnection;
  rpc!: NatsRpcClient;
  private readonly copies: RunningService[] = [];
  private readonly namespace = new NatsNamespace(`channels_${this.run}`);
  private readonly stream = `CHANNELS_TEST_${this.run.toUpperCase()}`;

  async start(env: NodeJS.ProcessEnv = {}): Promise<this> {
    this.db = await createTestDatabase('channels_test');
    this.pg = new Client({ connectionString: this.db.url });
    await this.pg.connect();
    this.nc = await connect({ servers: TEST_NATS_URL.split(',') });
    this.rpc = new NatsRpcClient(this.nc, 30000, undefined, this.namespace);
    await this.startCopy(env);
    return this;
  }

  /** One more copy of the service on the same database and NATS namespace. */
  async startCopy(env: NodeJS.ProcessEnv = {}): Promise<RunningService> {
    const config = loadConfig(NotificationsEnv, {
      NATS_URL: TEST_NATS_URL,
      NATS_PREFIX: this.namespace.prefix,
      DATABASE_URL: this.db.url,
      LOG_LEVEL: 'error',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      ...env,
    });
    const copy = await startService({
      name: 'notifications',
      config,
      module: NotificationsModule.register(config, this.db.url, { stream: this.stream }),
    });
    this.copies.push(copy);
    return copy;
  }

  /** A provider of the first copy (or of `copy`). */
  get<T>(type: Type<T>, copy: RunningService = this.copies[0]): T {
    return copy.app.get(type, { strict: false });
  }

  async stopCopy(copy: RunningService): Promise<void> {
    this.copies.splice(this.copies.indexOf(copy), 1);
    await copy.close();
  }

  async stop(): Promise<void> {
    for (const copy of this.copies.splice(0)) await copy.close();
    await this.nc
      ?.jetstreamManager()
      .then((jsm) => jsm.streams.delete(this.namespace.name(this.stream)))
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

  /** A member of staff as the gateway identifies them (not yet in the service's staff directory). */
  staff(role: 'moderator' | 'editor' | 'admin' = 'moderator'): Caller {
    return { readerId: null, staffId: randomUUID(), roles: [role], addressHash: null, portalName: null };
  }

  /** A member of staff the service's directory knows, as after their account's event. */
  async recipient(
    role: 'moderator' | 'editor' | 'admin' = 'moderator',
    locale: 'ru' | 'en' = 'ru',
  ): Promise<Caller> {
    const caller = this.staff(role);
    this.seq += 1;
    await this.pg.query(
      `insert into notifications.recipient (staff_id, email, roles, locale, changed_at) values ($1, $2, $3, $4, now())`,
      [caller.staffId, `staff-${this.run}-${this.seq}@newsroom.test`, [role], locale],
    );
    return caller;
  }

  async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pg.query(sql, params)).rows as T[];
  }
}
