import { ArgumentsHost, LoggerService } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { Client } from 'pg';
import type { WireError } from '@app/contracts';
import { createTestMessagingDatabase, TestMessagingDatabase } from '@test/support/test-messaging-database';
import { RpcErrorFilter } from './rpc-error.filter';

const SCHEMA = 'rpc_error_log_test';
/** A value a caller sent, as recognisable in a log line as an email would be. */
const SECRET = 'leaked.reader.value@example.test';

/** Every line the filter logs, as the JSON logger would write it. */
class CapturedLog implements LoggerService {
  readonly lines: string[] = [];
  log(...args: unknown[]): void {
    this.lines.push(JSON.stringify(args));
  }
  error(...args: unknown[]): void {
    this.lines.push(JSON.stringify(args));
  }
  warn(...args: unknown[]): void {
    this.lines.push(JSON.stringify(args));
  }
}

describe('unexpected database errors of a message handler', () => {
  let db: TestMessagingDatabase;
  let pg: Client;

  beforeAll(async () => {
    db = await createTestMessagingDatabase(SCHEMA);
    await db.sql('create table {schema}.probe (email text constraint probe_email_uq unique, n int)');
    await db.sql('insert into {schema}.probe (email) values (?)', [SECRET]);
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });

  afterAll(async () => {
    await pg?.end();
    await db?.close();
  });

  const failureOf = (work: Promise<unknown>): Promise<Error> =>
    work.then(
      () => {
        throw new Error('the statement succeeded');
      },
      (error: Error) => error,
    );

  it.each([
    [
      'a unique violation through MikroORM',
      () => db.sql('insert into {schema}.probe (email) values (?)', [SECRET]),
      { sqlState: '23505', statement: 'insert', table: 'probe', constraint: 'probe_email_uq' },
    ],
    [
      'a value of the wrong type through MikroORM',
      () => db.sql('update {schema}.probe set n = ?::int', [SECRET]),
      { sqlState: '22P02', statement: 'update' },
    ],
    [
      'a value of the wrong type straight from pg',
      () => pg.query(`select $1::timestamptz`, [SECRET]),
      { sqlState: '22007' },
    ],
  ])('logs %s by its SQLSTATE and names, never with the value', async (_name, provoke, named) => {
    const error = await failureOf(provoke());
    // The database error itself does carry the value: that is what must not reach the log.
    expect(`${error.message} ${JSON.stringify(error)}`).toContain(SECRET);

    const log = new CapturedLog();
    const wire = await firstValueFrom(new RpcErrorFilter(log).catch(error, {} as ArgumentsHost)).then(
      () => undefined,
      (sent: WireError) => sent,
    );

    expect(wire).toMatchObject({ status: 500, code: 'internal_error' });
    expect(JSON.stringify(wire)).not.toContain(SECRET);
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).not.toContain(SECRET);
    const [fields, stack] = JSON.parse(log.lines[0]) as [{ errorId: string; err: object }, string];
    expect(fields.errorId).toBe(wire!.errorId);
    expect(fields.err).toMatchObject({ kind: 'database', ...named });
    expect(stack).toMatch(/^\s+at /);
  });
});

describe('a message handler whose database went away', () => {
  let db: TestMessagingDatabase;

  beforeAll(async () => {
    db = await createTestMessagingDatabase('rpc_error_unavailable_test');
  });
  afterAll(() => db?.close());

  const wireOf = async (error: unknown, log: CapturedLog): Promise<WireError | undefined> =>
    firstValueFrom(new RpcErrorFilter(log).catch(error, {} as ArgumentsHost)).then(
      () => undefined,
      (sent: WireError) => sent,
    );

  it('answers a statement on a session the server ended with a 503 to try again, logged without a stack', async () => {
    const session = new Client({ connectionString: db.url });
    session.on('error', () => undefined);
    await session.connect();
    const pid = (await session.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    try {
      await admin.query('select pg_terminate_backend($1)', [pid]);
    } finally {
      await admin.end();
    }
    const error = await session.query(`select 1`).then(
      () => new Error('the statement succeeded on an ended session'),
      (failure: Error) => failure,
    );
    await session.end().catch(() => undefined);

    const log = new CapturedLog();
    const wire = await wireOf(error, log);
    expect(wire).toMatchObject({ status: 503, code: 'service_unavailable' });
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toContain('database unavailable');
    expect(log.lines[0]).not.toContain(' at ');
  });

  it('answers a server that refuses connections with a 503 too', async () => {
    const closed = new Client({ connectionString: 'postgres://postgres@127.0.0.1:1/postgres' });
    const error = await closed.connect().then(
      () => new Error('connected to port 1'),
      (failure: Error) => failure,
    );
    expect(await wireOf(error, new CapturedLog())).toMatchObject({ status: 503 });
  });
});
