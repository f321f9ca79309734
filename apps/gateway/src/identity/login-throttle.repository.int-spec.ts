import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { applyMigrations, buildOrmOptions } from '@app/persistence';
import { createTestDatabase, TestDatabase } from '@test/support/test-database';
import { GATEWAY_MIGRATIONS } from '../migrations';
import { LoginThrottleRepository } from './login-throttle.repository';
import { LoginPolicy } from './login.policy';

const policy: LoginPolicy = {
  failuresPerAddress: 100,
  failuresPerEmailAndAddress: 100,
  emailFailuresBeforeDelay: 3,
  emailDelayFirstSeconds: 60,
  emailDelayMaxSeconds: 600,
  knownAddressDays: 30,
};

describe('the per-email login gate', () => {
  let database: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    database = await createTestDatabase('login_gate');
    orm = await MikroORM.init(
      buildOrmOptions({
        schema: 'gateway',
        clientUrl: database.url,
        entities: [],
        migrations: GATEWAY_MIGRATIONS,
        poolMax: 20,
      }),
    );
    await applyMigrations(orm);
  });
  afterAll(async () => {
    await orm?.close(true);
    await database?.drop();
  });

  it('lets exactly the allowed attempts for one email through when 30 arrive at once', async () => {
    const gate = new LoginThrottleRepository(orm.em);
    const email = randomBytes(8).toString('hex');
    const now = new Date();
    const turns = await Promise.all(Array.from({ length: 30 }, () => gate.takeEmailTurn(email, now, policy)));
    // Three are heard; the third starts a minute's wait that every other one sees.
    expect(turns.filter((turn) => turn.allowed)).toHaveLength(3);
  });
});
