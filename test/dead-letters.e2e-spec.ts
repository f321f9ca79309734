import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Injectable, Module } from '@nestjs/common';
import { connect, NatsConnection, StringCodec } from 'nats';
import { DeadLetterPage, eventSubject, PollClosedV1 } from '@app/contracts';
import { RunningService, startService } from '@app/host';
import { DatabaseModule } from '@app/persistence';
import { loadConfig, ServiceEnv } from '@app/runtime';
import {
  EventConsumers,
  EventsModule,
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  NatsNamespace,
  ServiceMessagingModule,
} from '@app/messaging';
import { HttpClient } from './support/http-client';
import { REPO_ROOT } from './support/app-process';
import { Suite, SUITE_ADMIN } from './support/suite';
import { TEST_NATS_URL } from './support/test-nats';
import { waitFor } from './support/wait-for';

const run = promisify(execFile);
const codec = StringCodec();

/**
 * The gateway and the polls service run as processes; beside them, in this process, a notifications
 * service with one consumer of `poll.closed` whose outbound channel is down until the test says so.
 */
describe('dead letters through the gateway', () => {
  let suite: Suite;
  let http: HttpClient;
  let nc: NatsConnection;
  let notifications: RunningService;
  let admin: string;
  let editor: string;
  const channel = { down: true, sent: [] as string[] };

  beforeAll(async () => {
    suite = await Suite.start({ services: ['polls'] });
    http = new HttpClient(suite.baseUrl);
    nc = await connect({ servers: TEST_NATS_URL });

    @Injectable()
    class ClosedPollAnnouncer {
      constructor(consumers: EventConsumers) {
        consumers.register({
          durable: 'closed-poll-announcer',
          events: [PollClosedV1],
          maxDeliver: 2,
          backoffMs: [50],
          handle: async (event) => {
            if (channel.down) throw new Error(`channel down: "${event.question}" not announced`);
            channel.sent.push(event.pollId);
          },
        });
      }
    }
    @Module({ providers: [ClosedPollAnnouncer] })
    class AnnouncerModule {}

    const config = loadConfig(ServiceEnv, {
      ...suite.commonEnv,
      NATS_URL: TEST_NATS_URL,
      LOG_LEVEL: 'error',
    });
    notifications = await startService({
      name: 'notifications',
      config,
      module: {
        module: class NotificationsUnderTest {},
        imports: [
          DatabaseModule.forService({
            schema: 'notifications',
            clientUrl: suite.database.url,
            entities: [...MESSAGING_ENTITIES],
            migrations: [...MESSAGING_MIGRATIONS],
            poolMax: 5,
          }),
          ServiceMessagingModule.forService('notifications', config),
          EventsModule.forService('notifications', config),
          AnnouncerModule,
        ],
      },
    });

    admin = await http.login(SUITE_ADMIN.email, SUITE_ADMIN.password);
    await http.post(
      '/api/v1/admin/staff',
      { email: 'editor@letters.test', password: 'editor-password-123', roles: ['editor'] },
      { token: admin },
    );
    editor = await http.login('editor@letters.test', 'editor-password-123');
  });

  afterAll(async () => {
    await notifications?.close();
    await nc?.drain();
    await suite?.stop();
  });

  const list = (query = '', token = admin) =>
    http.get<DeadLetterPage>(`/api/v1/admin/dead-letters?service=notifications${query}`, { token });

  const letterFor = async (eventIdOrPoll: (item: DeadLetterPage['items'][number]) => boolean) =>
    (await list()).body.items.find(eventIdOrPoll);

  it('lets an admin list and re-drive what a consumer gave up on, and nobody else', async () => {
    // A real poll.closed from the polls service, which the consumer cannot pass on while its channel is down.
    const poll = await http.post<{ id: string }>(
      '/api/v1/polls',
      { question: 'Нужен ли городу второй мост?', options: ['Да', 'Нет'] },
      { token: editor },
    );
    expect(poll.status).toBe(201);
    expect(
      (await http.post(`/api/v1/polls/${poll.body.id}/close`, undefined, { token: editor })).status,
    ).toBe(200);
    // And one a publisher got wrong: it breaks PollClosedV1's contract.
    const malformedId = randomUUID();
    await nc.jetstream().publish(
      new NatsNamespace(suite.natsPrefix).subject(eventSubject('poll.closed')),
      codec.encode(
        JSON.stringify({
          id: malformedId,
          type: 'poll.closed',
          version: 1,
          occurredAt: new Date().toISOString(),
          data: { pollId: 'nope' },
        }),
      ),
    );
    await waitFor(async () => (await list()).body.items?.length === 2, 15000, 'two dead letters');

    const page = await list('&limit=1');
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    const second = await list(`&limit=1&cursor=${page.body.nextCursor}`);
    expect(second.body.nextCursor).toBeNull();
    const malformed = (await letterFor((item) => item.eventId === malformedId))!;
    const failed = (await letterFor((item) => item.eventId !== malformedId))!;
    expect([page.body.items[0].id, second.body.items[0].id].sort()).toEqual([malformed.id, failed.id].sort());
    expect(malformed).toMatchObject({
      service: 'notifications',
      consumer: 'closed-poll-announcer',
      type: 'poll.closed',
      deliveries: 1,
    });
    expect(malformed.error).toContain('poll.closed v1 is not valid: pollId: pollId must be a UUID');
    expect(failed).toMatchObject({
      type: 'poll.closed',
      deliveries: 2,
      error: 'Error: channel down: "Нужен ли городу второй мост?" not announced',
    });

    expect((await list('', editor)).status).toBe(403);
    expect((await http.get('/api/v1/admin/dead-letters?service=notifications')).status).toBe(401);
    expect(
      (
        await http.post(`/api/v1/admin/dead-letters/notifications/${failed.id}/redrive`, undefined, {
          token: editor,
        })
      ).status,
    ).toBe(403);
    expect((await http.get('/api/v1/admin/dead-letters?service=weather', { token: admin })).status).toBe(400);

    const stillInvalid = await http.post(
      `/api/v1/admin/dead-letters/notifications/${malformed.id}/redrive`,
      undefined,
      { token: admin },
    );
    expect(stillInvalid.status).toBe(422);
    expect(stillInvalid.headers.get('content-type')).toContain('application/problem+json');
    const stillDown = await http.post(
      `/api/v1/admin/dead-letters/notifications/${failed.id}/redrive`,
      undefined,
      { token: admin },
    );
    expect(stillDown.status).toBe(409);

    channel.down = false;
    const redriven = await http.post(
      `/api/v1/admin/dead-letters/notifications/${failed.id}/redrive`,
      undefined,
      { token: admin },
    );
    expect(redriven.status).toBe(200);
    expect(redriven.body).toEqual({ id: failed.id, outcome: 'handled' });
    expect(channel.sent).toEqual([poll.body.id]);
    expect((await list()).body.items.map((item) => item.id)).toEqual([malformed.id]);
    expect(
      (
        await http.post(`/api/v1/admin/dead-letters/notifications/${failed.id}/redrive`, undefined, {
          token: admin,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await http.post(`/api/v1/admin/dead-letters/weather/${failed.id}/redrive`, undefined, {
          token: admin,
        })
      ).status,
    ).toBe(404);
  });

  it('lets an operator do the same from the command line', async () => {
    const cli = (...args: string[]) =>
      run(process.execPath, [join(REPO_ROOT, 'dist', 'scripts', 'events.js'), ...args], {
        env: { ...process.env, NATS_URL: TEST_NATS_URL, NATS_PREFIX: suite.natsPrefix },
      });
    const [remaining, ...others] = (await list()).body.items;
    expect(others).toEqual([]);

    const listed = await cli('list', '--service', 'notifications');
    expect(listed.stdout).toContain('notifications: 1 dead letters');
    expect(listed.stdout).toContain(remaining.id);
    const all = await cli('list');
    expect(all.stdout).toContain('polls: no dead letters');
    expect(all.stdout).toContain('comments: not answering');

    await expect(cli('list', '--verbose')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown option --verbose'),
    });
    await expect(cli('redrive', 'notifications', remaining.id)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('(422)'),
    });
  });
});
