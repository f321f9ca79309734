import { Migration } from '@mikro-orm/migrations';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@test/support/test-database';
import { waitFor } from '@test/support/wait-for';
import { applyMigrations, holdAdvisoryLock } from './migrations.runner';
import { buildOrmOptions } from './orm-options';

const SCHEMA = 'runner_test';

class CreateRuns extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "${SCHEMA}"."runs" (id serial primary key, at timestamptz default now())`);
  }
}

/** Slow on purpose, so that copies starting together overlap while it runs. */
class RecordRun extends Migration {
  override async up(): Promise<void> {
    this.addSql('select pg_sleep(0.3)');
    this.addSql(`insert into "${SCHEMA}"."runs" default values`);
  }
}

const MIGRATIONS = [
  { name: 'Migration20260101000000CreateRuns', class: CreateRuns },
  { name: 'Migration20260101000001RecordRun', class: RecordRun },
];

function openOrm(url: string): Promise<MikroORM> {
  return MikroORM.init(
    buildOrmOptions({ schema: SCHEMA, clientUrl: url, entities: [], migrations: MIGRATIONS, poolMax: 2 }),
  );
}

/** Advisory locks in the test's own database (other databases on the server may have theirs). */
const ADVISORY =
  "from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())";

async function scalar(url: string, sql: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return Number(Object.values((await client.query(sql)).rows[0] as object)[0]);
  } finally {
    await client.end();
  }
}

describe('applyMigrations', () => {
  let database: TestDatabase;
  const orms: MikroORM[] = [];
  beforeEach(async () => {
    database = await createTestDatabase('runner_test');
  });
  afterEach(async () => {
    await Promise.all(orms.splice(0).map((orm) => orm.close(true)));
    await database.drop();
  });

  it('migrates once when several copies start at the same moment', async () => {
    orms.push(...(await Promise.all([1, 2, 3, 4].map(() => openOrm(database.url)))));
    const applied = await Promise.all(orms.map((orm) => applyMigrations(orm)));
    expect(applied.flat().sort()).toEqual(MIGRATIONS.map((migration) => migration.name).sort());
    expect(await scalar(database.url, `select count(*) from "${SCHEMA}"."runs"`)).toBe(1);
  });

  it('waits while another copy holds the lock, then finds nothing left to do', async () => {
    const lock = await holdAdvisoryLock(database.url, `migrations:${SCHEMA}`);
    const orm = await openOrm(database.url);
    orms.push(orm);
    let finished = false;
    const applying = applyMigrations(orm).finally(() => (finished = true));
    await waitFor(
      async () => (await scalar(database.url, `select count(*) ${ADVISORY} and not granted`)) === 1,
      10000,
      'the migrator to wait for the lock',
    );
    expect(finished).toBe(false);
    await lock.release();
    expect(await applying).toHaveLength(MIGRATIONS.length);
    expect(await applyMigrations(orm)).toEqual([]);
  });

  it('lets go of the lock when it is done, and when a migration fails', async () => {
    const orm = await openOrm(database.url);
    orms.push(orm);
    await applyMigrations(orm);
    expect(await scalar(database.url, `select count(*) ${ADVISORY}`)).toBe(0);

    class Broken extends Migration {
      override async up(): Promise<void> {
        this.addSql('select * from a_table_that_is_not_there');
      }
    }
    const broken = await MikroORM.init(
      buildOrmOptions({
        schema: SCHEMA,
        clientUrl: database.url,
        entities: [],
        migrations: [...MIGRATIONS, { name: 'Migration20260101000002Broken', class: Broken }],
        poolMax: 2,
      }),
    );
    orms.push(broken);
    await expect(applyMigrations(broken)).rejects.toThrow(/a_table_that_is_not_there/);
    expect(await scalar(database.url, `select count(*) ${ADVISORY}`)).toBe(0);
  });
});
