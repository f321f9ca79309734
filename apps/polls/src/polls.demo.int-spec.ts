import { randomBytes } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import { Client } from 'pg';
import { ANONYMOUS, PollsRpc } from '@app/contracts';
import { RunningService, startService } from '@app/host';
import { NatsRpcClient } from '@app/messaging';
import { loadConfig } from '@app/runtime';
import { createTestDatabase, TestDatabase } from '@test/support/test-database';
import { TEST_NATS_URL } from '@test/support/test-nats';
import { PollsEnv } from './polls.config';
import { demoPolls } from './polls.demo';
import { PollsModule } from './polls.module';

const run = randomBytes(4).toString('hex');

describe('polls demo data', () => {
  let db: TestDatabase;
  let pg: Client;
  let nc: NatsConnection;
  const services: RunningService[] = [];

  const startCopy = async (): Promise<RunningService> => {
    const config = loadConfig(PollsEnv, {
      NATS_URL: TEST_NATS_URL,
      DATABASE_URL: db.url,
      LOG_LEVEL: 'error',
    });
    expect(config.DEMO).toBe(true);
    const events = {
      stream: `POLLS_DEMO_${run.toUpperCase()}`,
      streamOptions: { subjects: [`events.${run}.>`] },
    };
    const service = await startService({
      name: 'polls',
      config,
      module: PollsModule.register(config, db.url, events),
    });
    services.push(service);
    return service;
  };

  beforeAll(async () => {
    db = await createTestDatabase('polls_demo');
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    nc = await connect({ servers: TEST_NATS_URL.split(',') });
  });

  afterAll(async () => {
    for (const service of services.splice(0)) await service.close();
    await nc
      ?.jetstreamManager()
      .then((jsm) => jsm.streams.delete(`POLLS_DEMO_${run.toUpperCase()}`))
      .catch(() => undefined);
    await nc?.drain();
    await pg?.end();
    await db?.drop();
  });

  it('seeds an open sidebar poll and two closed ones once, however many copies start', async () => {
    await Promise.all([startCopy(), startCopy()]);
    for (const service of services.splice(0)) await service.close();
    await startCopy();

    const expected = demoPolls(new Date());
    const { rows: polls } = await pg.query<{ id: string; ballots: number }>(
      `select p.id, (select count(*)::int from polls.ballot b where b.poll_id = p.id) as ballots from polls.poll p`,
    );
    expect(polls.map((poll) => poll.id).sort()).toEqual(expected.map((poll) => poll.id).sort());
    for (const poll of expected) {
      const votes = poll.options.reduce((sum, option) => sum + option.votes, 0);
      expect(polls.find((row) => row.id === poll.id)?.ballots).toBe(votes);
    }
    const { rows: mismatched } = await pg.query(
      `select o.id from polls.poll_option o
        where (select coalesce(sum(votes), 0) from polls.option_tally t where t.option_id = o.id)
           <> (select count(*) from polls.ballot b where b.poll_id = o.poll_id and o.id = any (b.option_ids))`,
    );
    expect(mismatched).toEqual([]);
    const { rows: events } = await pg.query(`select 1 from polls.outbox_event`);
    expect(events).toEqual([]);

    const rpc = new NatsRpcClient(nc, 10000);
    const current = await rpc.call(PollsRpc.current, {
      caller: ANONYMOUS,
      placement: 'sidebar',
    });
    expect(current.poll.id).toBe(expected[0].id);
    expect(current.poll.totalVotes).toBeGreaterThanOrEqual(300);
    expect(current.poll.options.reduce((sum, option) => sum + (option.percent ?? 0), 0)).toBe(100);
    const archive = await rpc.call(PollsRpc.list, {
      caller: ANONYMOUS,
      query: { status: 'closed' },
    });
    expect(archive.items.map((poll) => poll.id)).toEqual([expected[1].id, expected[2].id]);
  });
});
