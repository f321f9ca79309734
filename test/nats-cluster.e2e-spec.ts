import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { HttpAnswer, HttpClient } from '@test/support/http-client';
import { NatsCluster } from '@test/support/nats-cluster';
import { parsePrometheusText } from '@test/support/prometheus-text';
import { Suite, SUITE_ADMIN } from '@test/support/suite';
import { waitFor } from '@test/support/wait-for';

/**
 * The suite on a three-server JetStream cluster, its event stream in three copies, while the server
 * leading that stream is killed (SIGKILL) under load and later started again. Readers and editors keep
 * working throughout: a write may meet a 503 with Retry-After while NATS elects new leaders and the
 * apps reconnect, never a 500; every write answered 2xx is stored once, every event committed reaches
 * its consumer once, and the outboxes drain.
 */
const REPLICAS = 3;
/** Readers voting on each poll, then the poll is closed: one poll.closed event per poll. */
const VOTERS = 8;
/** Polls opened, voted on and closed in each phase (before the kill, while down, once back). */
const POLLS_PER_PHASE = 2;
/** Comments in flight at once all along: each is a comment event for the notifications service. */
const COMMENT_LANES = 2;
const VOTE_LANES = 4;
/** Longest a write may take to be answered 2xx, its retries after 503s included. */
const RECOVERY_LIMIT_MS = 20000;
/** How long the cluster may take to lead the stream again, or to bring a restarted server up to date. */
const CLUSTER_SETTLE_MS = 30000;

type Phase = 'before' | 'down' | 'back';
interface Write {
  what: string;
  phase: Phase;
  sentAt: number;
  answeredAt: number;
  /** Every status the write was answered with, retries included. */
  statuses: number[];
}
interface PollView {
  id: string;
  status: string;
  options: { id: string }[];
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the suite on a three-server NATS cluster losing the server that leads its event stream', () => {
  let cluster: NatsCluster;
  let suite: Suite;
  let gateway: HttpClient;
  let db: Client;
  let editor: string;
  let editorId: string;
  let phase: Phase = 'before';
  const writes: Write[] = [];
  /** Statuses other than the expected 2xx, and 503s without a Retry-After. */
  const unexpected: string[] = [];
  const createdPolls: string[] = [];
  const closedPolls: string[] = [];
  const comments: string[] = [];
  const article = `cluster-${randomUUID().slice(0, 8)}`;

  /**
   * Sends a write as a portal would: after a 503 it waits what Retry-After says and sends it again,
   * for up to RECOVERY_LIMIT_MS. A retry may meet `ambiguous` (a 409: the first attempt was stored
   * although its answer was lost), which counts as done.
   */
  async function write<T>(
    what: string,
    send: () => Promise<HttpAnswer<T>>,
    done: number,
    ambiguous?: number,
  ): Promise<HttpAnswer<T> | undefined> {
    const record: Write = { what, phase, sentAt: Date.now(), answeredAt: 0, statuses: [] };
    writes.push(record);
    for (;;) {
      const answer = await send();
      record.statuses.push(answer.status);
      const retried = record.statuses.length > 1;
      if (answer.status === done || (retried && answer.status === ambiguous)) {
        record.answeredAt = Date.now();
        return answer;
      }
      const retryAfter = Number(answer.headers.get('retry-after'));
      if (answer.status !== 503 || !(retryAfter > 0)) {
        unexpected.push(`${what}: ${answer.status} ${answer.text.slice(0, 200)}`);
        record.answeredAt = Date.now();
        return undefined;
      }
      if (Date.now() - record.sentAt > RECOVERY_LIMIT_MS) {
        unexpected.push(`${what}: still 503 after ${RECOVERY_LIMIT_MS} ms`);
        record.answeredAt = Date.now();
        return undefined;
      }
      await pause(retryAfter * 1000);
    }
  }

  /** Opens a poll, has VOTERS readers vote on it, closes it. */
  async function pollRound(n: number): Promise<void> {
    const created = await write(
      `poll ${n}`,
      () =>
        gateway.post<PollView>(
          '/api/v1/polls',
          { question: `Кластер ${n} ${randomUUID().slice(0, 8)}?`, options: ['Да', 'Нет'] },
          { token: editor },
        ),
      201,
    );
    if (!created) return;
    const poll = created.body;
    createdPolls.push(poll.id);
    const readers = await Promise.all(Array.from({ length: VOTERS }, () => gateway.readerToken()));
    let next = 0;
    await Promise.all(
      Array.from({ length: VOTE_LANES }, async () => {
        while (next < VOTERS) {
          const voter = next++;
          await write(
            `vote ${n}.${voter}`,
            () =>
              gateway.post(
                `/api/v1/polls/${poll.id}/votes`,
                { optionIds: [poll.options[voter % 2].id] },
                { readerToken: readers[voter] },
              ),
            201,
            409,
          );
        }
      }),
    );
    const closed = await write(
      `close ${n}`,
      () => gateway.post(`/api/v1/polls/${poll.id}/close`, undefined, { token: editor }),
      200,
      409,
    );
    if (closed) closedPolls.push(poll.id);
  }

  /** Comments, COMMENT_LANES at a time, until `stop` says so. */
  function commentLoad(stop: () => boolean): Promise<void> {
    let n = 0;
    return Promise.all(
      Array.from({ length: COMMENT_LANES }, async () => {
        while (!stop()) {
          const number = n++;
          const token = await gateway.readerToken();
          const posted = await write<{ comment: { id: string } }>(
            `comment ${number}`,
            () =>
              gateway.post(
                `/api/v1/articles/${article}/comments`,
                { authorName: 'Читатель', body: `Мнение номер ${number}` },
                { readerToken: token },
              ),
            201,
            409,
          );
          if (posted?.status === 201) comments.push(posted.body.comment.id);
        }
      }),
    ).then(() => undefined);
  }

  beforeAll(async () => {
    cluster = await NatsCluster.start();
    process.stdout.write(
      `NATS cluster ${cluster.url}; sync_interval: always ${cluster.syncAlways ? 'on' : 'not supported by this nats-server'}\n`,
    );
    const replicas = { EVENTS_STREAM_REPLICAS: String(REPLICAS) };
    suite = await Suite.start({
      natsUrl: cluster.url,
      gatewayEnv: { ...replicas, NATS_REQUEST_TIMEOUT_MS: '3000' },
      serviceEnv: {
        ...replicas,
        DATABASE_POOL_MAX: '4',
        POLL_VOTES_PER_ADDRESS_PER_HOUR: '0',
        COMMENTS_PER_ADDRESS_PER_WINDOW: '0',
        UNSUBSCRIBE_SECRET: 'Qm4tR8vZ2xK7pW1nY6cB9dF3hJ5sL0aE',
        PUBLIC_BASE_URL: 'https://engage.test',
      },
    });
    gateway = new HttpClient(suite.baseUrl);
    db = new Client({ connectionString: suite.database.url });
    await db.connect();
    const admin = await gateway.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
    const created = await gateway.post(
      '/api/v1/admin/staff',
      { email: 'editor@cluster.test', password: 'a-long-staff-password', roles: ['editor'] },
      { token: admin },
    );
    expect(created.status).toBe(201);
    editor = await gateway.login('editor@cluster.test', 'a-long-staff-password');
    editorId = (await gateway.get<{ id: string }>('/api/v1/auth/me', { token: editor })).body.id;
    // The editor must be in the notifications' directory before a poll closes, to be told of it.
    await waitFor(
      async () =>
        (await db.query('select 1 from notifications.recipient where staff_id = $1', [editorId])).rowCount ===
        1,
      15000,
      'the editor in the notifications directory',
    );
  }, 180000);

  afterAll(async () => {
    await db?.end();
    await suite?.stop();
    await cluster?.stop();
  });

  it('keeps the event stream and every durable consumer in three copies, one per server', async () => {
    const info = await cluster.waitForStreamCurrent(suite.jetStreamName, CLUSTER_SETTLE_MS);
    expect(info.config.num_replicas).toBe(REPLICAS);
    expect(info.cluster?.replicas).toHaveLength(REPLICAS - 1);
    const consumers = await cluster.consumers(suite.jetStreamName);
    expect(consumers.map((consumer) => consumer.name)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('notifications-comments'),
        expect.stringContaining('notifications-polls'),
      ]),
    );
    // A consumer created without num_replicas takes the stream's.
    for (const consumer of consumers) {
      expect({ name: consumer.name, peers: consumer.cluster?.replicas?.length }).toEqual({
        name: consumer.name,
        peers: REPLICAS - 1,
      });
    }
  });

  it('answers every write within the recovery limit while the stream leader is killed and comes back, losing no event', async () => {
    let stopComments = false;
    const load = commentLoad(() => stopComments);

    for (let n = 0; n < POLLS_PER_PHASE; n++) await pollRound(n);

    // The hardest server to lose: the one every publish to the stream goes through.
    const victim = await cluster.streamLeader(suite.jetStreamName);
    const killedAt = Date.now();
    phase = 'down';
    await cluster.killNode(victim);
    const rounds = (async () => {
      for (let n = POLLS_PER_PHASE; n < 2 * POLLS_PER_PHASE; n++) await pollRound(n);
    })();
    await cluster.waitForStreamCurrent(suite.jetStreamName, CLUSTER_SETTLE_MS);
    const newLeaderAfterMs = Date.now() - killedAt;
    await rounds;

    const restartedAt = Date.now();
    await cluster.restartNode(victim, CLUSTER_SETTLE_MS);
    phase = 'back';
    const caughtUp = await cluster.waitForStreamCurrent(suite.jetStreamName, CLUSTER_SETTLE_MS);
    const caughtUpAfterMs = Date.now() - restartedAt;
    for (let n = 2 * POLLS_PER_PHASE; n < 3 * POLLS_PER_PHASE; n++) await pollRound(n);
    stopComments = true;
    await load;

    const answeredAfterKill = writes.filter((each) => each.sentAt >= killedAt && each.answeredAt > 0);
    const firstSuccess = Math.min(
      ...answeredAfterKill
        .filter((each) => each.statuses.some((status) => status < 300))
        .map((each) => each.answeredAt),
    );
    const slowest = Math.max(...writes.map((each) => each.answeredAt - each.sentAt));
    const retried = writes.filter((each) => each.statuses.includes(503));
    process.stdout.write(
      `${cluster.nodes[victim].name} (stream leader) killed; stream led again after ${newLeaderAfterMs} ms, ` +
        `first write answered 2xx ${firstSuccess - killedAt} ms after the kill; restarted server current after ` +
        `${caughtUpAfterMs} ms (${caughtUp.state.messages} messages); ${writes.length} writes, ` +
        `${retried.length} met a 503 (by phase: ${JSON.stringify(countBy(retried, (each) => each.phase))}), ` +
        `slowest answered in ${slowest} ms\n`,
    );

    expect(unexpected).toEqual([]);
    expect(slowest).toBeLessThanOrEqual(RECOVERY_LIMIT_MS);
    expect(countBy(writes, (each) => each.phase)).toEqual({
      before: expect.any(Number),
      down: expect.any(Number),
      back: expect.any(Number),
    });
    expect(closedPolls).toHaveLength(3 * POLLS_PER_PHASE);

    // Every write answered 2xx is stored, once.
    const stored = await db.query<{ id: string; ballots: number; closed: boolean }>(
      `select p.id, (select count(*)::int from polls.ballot b where b.poll_id = p.id) as ballots,
              p.closed_event_at is not null as closed
         from polls.poll p where p.id = any($1::uuid[])`,
      [createdPolls],
    );
    expect(stored.rows.map((row) => [row.id, row.ballots, row.closed]).sort()).toEqual(
      createdPolls.map((id) => [id, VOTERS, true]).sort(),
    );
    const storedComments = await db.query<{ id: string }>(
      'select id from comments.comment where id = any($1::uuid[])',
      [comments],
    );
    expect(storedComments.rows.map((row) => row.id).sort()).toEqual([...comments].sort());
  });

  it('publishes every outbox, each event into the stream once, and has each handled by its consumer once', async () => {
    const schemas = (
      await db.query<{ schema: string }>(
        `select table_schema as schema from information_schema.tables where table_name = 'outbox_event'`,
      )
    ).rows.map((row) => row.schema);
    const unpublished = async (): Promise<number> => {
      let total = 0;
      for (const schema of schemas) {
        const { rows } = await db.query<{ n: number }>(
          `select count(*)::int as n from "${schema}".outbox_event where published_at is null`,
        );
        total += rows[0].n;
      }
      return total;
    };
    await waitFor(async () => (await unpublished()) === 0, 30000, 'every outbox published', 200);

    let events = 0;
    for (const schema of schemas) {
      const { rows } = await db.query<{ n: number }>(
        `select count(*)::int as n from "${schema}".outbox_event`,
      );
      events += rows[0].n;
    }
    // Publishes retried after a lost acknowledgement carry the event's id: the stream keeps one.
    expect((await cluster.streamInfo(suite.jetStreamName)).state.messages).toBe(events);

    const handledOnce = async (
      consumer: string,
      sql: string,
    ): Promise<{ missing: string[]; twice: string[] }> => {
      const committed = (await db.query<{ id: string }>(sql)).rows.map((row) => row.id);
      const handled = (
        await db.query<{ event_id: string; n: number }>(
          `select event_id, count(*)::int as n from notifications.inbox_entry
            where consumer = $1 and event_id = any($2::uuid[]) group by event_id`,
          [consumer, committed],
        )
      ).rows;
      const seen = new Set(handled.map((row) => row.event_id));
      return {
        missing: committed.filter((id) => !seen.has(id)),
        twice: handled.filter((row) => row.n !== 1).map((row) => row.event_id),
      };
    };
    const commentEvents = `select id from comments.outbox_event where type like 'comment.%'`;
    const pollEvents = `select id from polls.outbox_event where type = 'poll.closed'`;
    await waitFor(
      async () =>
        (await handledOnce('notifications-comments', commentEvents)).missing.length === 0 &&
        (await handledOnce('notifications-polls', pollEvents)).missing.length === 0,
      30000,
      'every comment and poll event handled',
      200,
    );
    const latency = await db.query<{ slowest_ms: number }>(
      `select max(extract(epoch from i.processed_at - o.created_at) * 1000)::int as slowest_ms
         from comments.outbox_event o
         join notifications.inbox_entry i on i.event_id = o.id and i.consumer = 'notifications-comments'`,
    );
    process.stdout.write(`slowest comment event handled ${latency.rows[0].slowest_ms} ms after its commit\n`);
    expect(await handledOnce('notifications-comments', commentEvents)).toEqual({ missing: [], twice: [] });
    expect(await handledOnce('notifications-polls', pollEvents)).toEqual({ missing: [], twice: [] });
    expect((await db.query(commentEvents)).rowCount).toBeGreaterThanOrEqual(comments.length);

    // What the editor sees: one notice per closed poll, none twice.
    const feed = await gateway.get<{ items: { type: string; link: string | null }[] }>(
      '/api/v1/me/notifications',
      { token: editor },
    );
    expect(feed.status).toBe(200);
    const notices = feed.body.items.filter((item) => item.type === 'poll.closed').map((item) => item.link);
    expect(notices.sort()).toEqual(closedPolls.map((id) => `polls/${id}`).sort());
  });

  it('gave no one a 5xx other than a 503', async () => {
    const response = await fetch(`${suite.gatewayOpsUrls[0]}/metrics`);
    const fives = parsePrometheusText(await response.text()).filter(
      (sample) =>
        sample.name === 'http_request_duration_seconds_count' &&
        sample.labels.status.startsWith('5') &&
        sample.labels.status !== '503',
    );
    expect(fives).toEqual([]);
  });
});

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
