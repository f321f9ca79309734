import { randomBytes } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import { Client } from 'pg';
import { Caller, CommentsRpc, EventEnvelope, NewComment, RpcOperation } from '@app/contracts';
import { RunningService, startService } from '@app/host';
import { NatsNamespace, NatsRpcClient, RemoteError } from '@app/messaging';
import { loadConfig } from '@app/runtime';
import { createTestDatabase, TestDatabase } from '@test/support/test-database';
import { TEST_NATS_URL } from '@test/support/test-nats';
import { CommentsEnv } from '../comments.config';
import { CommentsModule } from '../comments.module';

export interface Failure {
  status: number;
  code: string;
  message: string;
  retryAfterSeconds?: number;
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: Failure };

/** A call's outcome as data, so concurrent results can be counted. */
export async function settle<T>(call: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await call };
  } catch (error) {
    if (error instanceof RemoteError) {
      const { status, code, message, retryAfterSeconds } = error;
      return {
        ok: false,
        error: { status, code, message, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) },
      };
    }
    throw error;
  }
}

/**
 * The comments service started in this process on the real PostgreSQL (a database of its own) and
 * NATS (a namespace of its own), with a client that calls it as the gateway would.
 */
export class CommentsHarness {
  readonly run = randomBytes(4).toString('hex');
  private seq = 0;
  db!: TestDatabase;
  pg!: Client;
  nc!: NatsConnection;
  rpc!: NatsRpcClient;
  private service?: RunningService;
  private readonly stream = `COMMENTS_TEST_${this.run.toUpperCase()}`;
  private streamName = '';

  async start(env: NodeJS.ProcessEnv = {}): Promise<this> {
    this.db = await createTestDatabase('comments_test');
    this.pg = new Client({ connectionString: this.db.url });
    await this.pg.connect();
    this.nc = await connect({ servers: TEST_NATS_URL.split(',') });
    const namespace = new NatsNamespace(`comments_${this.run}`);
    this.streamName = namespace.name(this.stream);
    const config = loadConfig(CommentsEnv, {
      NATS_URL: TEST_NATS_URL,
      NATS_PREFIX: namespace.prefix,
      DATABASE_URL: this.db.url,
      DATABASE_POOL_MAX: '20',
      LOG_LEVEL: 'error',
      ...env,
    });
    // The namespace keeps this run's stream and events apart from everyone else's; the relay publishes
    // them as in production, so a backlog of unpublishable rows does not slow every commit.
    const events = { stream: this.stream };
    this.service = await startService({
      name: 'comments',
      config,
      module: CommentsModule.register(config, this.db.url, events),
    });
    this.rpc = new NatsRpcClient(this.nc, 30000, undefined, namespace);
    return this;
  }

  async stop(): Promise<void> {
    await this.service?.close();
    await this.nc
      ?.jetstreamManager()
      .then((jsm) => jsm.streams.delete(this.streamName))
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

  /** A reader with an identity and an address of their own. */
  reader(overrides: Partial<Caller> = {}): Caller {
    this.seq += 1;
    return {
      readerId: `r-${this.run}-${this.seq}`,
      staffId: null,
      roles: [],
      addressHash: `a-${this.run}-${this.seq}`,
      portalName: null,
      ...overrides,
    };
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

  article(): string {
    this.seq += 1;
    return `article-${this.run}-${this.seq}`;
  }

  post(articleId: string, caller: Caller, comment: Partial<NewComment> = {}) {
    this.seq += 1;
    return this.call(CommentsRpc.post, {
      caller,
      articleId,
      comment: { body: `Комментарий номер ${this.seq}`, authorName: 'Читатель', ...comment },
    });
  }

  async one<T>(sql: string, params: unknown[] = []): Promise<T> {
    return (await this.pg.query(sql, params)).rows[0] as T;
  }

  /** The stored counters beside what COUNT(*) finds, for one article. */
  async countsOf(articleId: string) {
    return this.one<{ total: number; counted: number; repliesMismatches: number }>(
      `select coalesce((select total from comments.article where article_id = $1), 0) as total,
              (select count(*)::int from comments.comment where article_id = $1 and status = 'published') as counted,
              (select count(*)::int from comments.comment p where p.article_id = $1 and p.replies_count <>
                 (select count(*) from comments.comment c where c.parent_id = p.id and c.status = 'published'))
                 as "repliesMismatches"`,
      [articleId],
    );
  }

  /** The outbox rows recorded for a comment, by event type. */
  async eventsOf(commentId: string): Promise<EventEnvelope[]> {
    const { rows } = await this.pg.query<{ payload: EventEnvelope }>(
      `select payload from comments.outbox_event where payload->'data'->>'commentId' = $1 order by created_at`,
      [commentId],
    );
    return rows.map((row) => row.payload);
  }
}
