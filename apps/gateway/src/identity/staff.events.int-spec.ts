import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { EventEnvelope } from '@app/contracts';
import { MESSAGING_ENTITIES } from '@app/messaging';
import { applyMigrations, buildOrmOptions } from '@app/persistence';
import { createTestDatabase, TestDatabase } from '@test/support/test-database';
import { GATEWAY_MIGRATIONS } from '../migrations';
import { StaffAccount } from './entities/staff-account.entity';
import { StaffRepository } from './staff.repository';

describe('staff account events', () => {
  let database: TestDatabase;
  let orm: MikroORM;
  let staff: StaffRepository;

  const eventsFor = async (staffId: string): Promise<EventEnvelope[]> =>
    orm.em
      .getConnection()
      .execute<{ payload: EventEnvelope }[]>(
        `select payload from gateway.outbox_event where payload->'data'->>'staffId' = ? order by created_at`,
        [staffId],
      )
      .then((rows) => rows.map((row) => row.payload));

  const email = () => `${randomBytes(6).toString('hex')}@example.test`;
  const ormWith = (migrations: typeof GATEWAY_MIGRATIONS) =>
    MikroORM.init(
      buildOrmOptions({
        schema: 'gateway',
        clientUrl: database.url,
        entities: [...MESSAGING_ENTITIES, StaffAccount],
        migrations,
        poolMax: 5,
      }),
    );
  let existingId: string;

  beforeAll(async () => {
    database = await createTestDatabase('staff_events');
    // An account created before staff events existed, then the migration that announces it.
    const before = await ormWith(GATEWAY_MIGRATIONS.filter((m) => !m.name.endsWith('StaffEvents')));
    await applyMigrations(before);
    existingId = (
      await before.em.getConnection().execute<{ id: string }[]>(
        `insert into gateway.staff_account (id, email, password_hash, roles)
           values (gen_random_uuid(), ?, 'x', '{editor}') returning id`,
        [email()],
      )
    )[0].id;
    await before.close(true);
    orm = await ormWith(GATEWAY_MIGRATIONS);
    await applyMigrations(orm);
    staff = new StaffRepository(orm.em);
  });
  afterAll(async () => {
    await orm?.close(true);
    await database?.drop();
  });

  it('announces every account that existed before, once, when the staff events migration runs', async () => {
    const events = await eventsFor(existingId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'staff.account_changed',
      version: 1,
      data: { staffId: existingId, roles: ['editor'], locale: 'ru', deleted: false },
    });
  });

  it('records an event in the same transaction as a create and a delete', async () => {
    const address = email();
    const account = await staff.create(address, 'hash', ['moderator'], 'en');
    expect(await staff.deleteUnlessLastAdmin(account.id)).toBe('deleted');
    const events = await eventsFor(account.id);
    expect(events.map((event) => event.data)).toEqual([
      { staffId: account.id, email: address, roles: ['moderator'], locale: 'en', deleted: false },
      { staffId: account.id, email: address, roles: ['moderator'], locale: 'en', deleted: true },
    ]);
  });

  it('records nothing when a create is refused', async () => {
    const address = email();
    const first = await staff.create(address, 'hash', ['moderator'], 'ru');
    await expect(staff.create(address, 'hash', ['admin'], 'ru')).rejects.toThrow();
    const rows = await orm.em
      .getConnection()
      .execute<{ count: string }[]>(
        `select count(*) from gateway.outbox_event where payload->'data'->>'email' = ?`,
        [address],
      );
    expect(Number(rows[0].count)).toBe(1);
    expect(await eventsFor(first.id)).toHaveLength(1);
  });

  it('announces the bootstrap admin only when it is created', async () => {
    const address = email();
    expect(await staff.createIfAbsent(address, 'hash', ['admin'])).toBe(true);
    expect(await staff.createIfAbsent(address, 'hash', ['admin'])).toBe(false);
    const rows = await orm.em
      .getConnection()
      .execute<{ count: string }[]>(
        `select count(*) from gateway.outbox_event where payload->'data'->>'email' = ?`,
        [address],
      );
    expect(Number(rows[0].count)).toBe(1);
  });
});
