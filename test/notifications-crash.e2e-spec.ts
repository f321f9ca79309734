import { randomBytes, randomUUID } from 'node:crypto';
import { connect, headers as natsHeaders, JSONCodec, NatsConnection } from 'nats';
import { Client } from 'pg';
import { EventEnvelope } from '@app/contracts';
import { NatsNamespace } from '@app/messaging';
import { AppProcess } from '@test/support/app-process';
import { createTestDatabase, TestDatabase } from '@test/support/test-database';
import { TEST_NATS_URL } from '@test/support/test-nats';
import { waitFor } from '@test/support/wait-for';
import { SmtpListener } from '@test/support/smtp-listener';

const QUEUED = 500;
const CONCURRENCY = 4;
const codec = JSONCodec<EventEnvelope>();

describe('notifications across a crash', () => {
  const smtp = new SmtpListener();
  const run = randomBytes(4).toString('hex');
  const namespace = new NatsNamespace(`crash${run}`);
  const stream = 'CRASH_EVENTS';
  let database: TestDatabase;
  let nc: NatsConnection;
  let pg: Client;
  const copies: AppProcess[] = [];

  const startCopy = async (): Promise<AppProcess> => {
    const app = new AppProcess('notifications', {
      DATABASE_URL: database.url,
      NATS_URL: TEST_NATS_URL,
      NATS_PREFIX: namespace.prefix,
      EVENTS_STREAM: stream,
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      HEALTH_PORT: '0',
      SMTP_URL: smtp.url,
      UNSUBSCRIBE_SECRET: 'Vb8nM2qW6eR1tY5uI9oP3aS7dF4gH0jK',
      DELIVERY_CONCURRENCY: String(CONCURRENCY),
      DELIVERY_LEASE_MS: '3000',
      DELIVERY_SEND_TIMEOUT_MS: '2000',
      DELIVERY_POLL_MS: '50',
    }).start();
    copies.push(app);
    await app.waitForLine(/is answering on NATS/);
    return app;
  };

  beforeAll(async () => {
    await smtp.start();
    database = await createTestDatabase('notifications_crash');
    nc = await connect({ servers: TEST_NATS_URL.split(',') });
    pg = new Client({ connectionString: database.url });
    await pg.connect();
  });
  afterAll(async () => {
    await Promise.all(copies.map((copy) => copy.stop()));
    await nc
      ?.jetstreamManager()
      .then((jsm) => jsm.streams.delete(namespace.name(stream)))
      .catch(() => undefined);
    await nc?.drain();
    await pg?.end();
    await database?.drop();
    await smtp.stop();
  });

  const sentCount = async () =>
    Number(
      (
        await pg.query<{ n: string }>(
          `select count(*) as n from notifications.delivery where status = 'sent'`,
        )
      ).rows[0].n,
    );

  it('sends every one of 500 queued emails after the service is killed mid-way and started again', async () => {
    const first = await startCopy();
    smtp.answerDelayMs = 20;
    for (let i = 0; i < QUEUED; i += 1) {
      const envelope: EventEnvelope = {
        id: randomUUID(),
        type: 'comment.published',
        version: 1,
        occurredAt: new Date().toISOString(),
        data: {
          commentId: randomUUID(),
          articleId: 'crash-story',
          parentId: randomUUID(),
          replyToId: null,
          authorName: 'Reader',
          notify: { email: `reader-${i}@crash.test`, name: 'Reader', locale: 'en' },
        },
      };
      const headers = natsHeaders();
      headers.set('Nats-Msg-Id', envelope.id);
      await nc
        .jetstream()
        .publish(namespace.subject('events.comment.published'), codec.encode(envelope), { headers });
    }
    await waitFor(() => smtp.received.length >= 50, 30000, 'some emails before the crash');
    await first.kill();
    const beforeRestart = smtp.received.length;
    expect(beforeRestart).toBeLessThan(QUEUED);

    smtp.answerDelayMs = 0;
    await startCopy();
    await waitFor(async () => (await sentCount()) === QUEUED, 60000, 'every delivery recorded as sent');

    const copiesById = new Map<string, number>();
    for (const mail of smtp.received) {
      copiesById.set(mail.messageId ?? '', (copiesById.get(mail.messageId ?? '') ?? 0) + 1);
    }
    expect(copiesById.size).toBe(QUEUED);
    const addresses = new Set(
      smtp.received.map((mail) => mail.headers.get('to')).map((to) => JSON.stringify(to)),
    );
    expect(addresses.size).toBe(QUEUED);
    // Only a message the server had already taken when the process died can come again (the answer
    // reached a dead process); it carries the same Message-ID, so a mailbox keeps one.
    const repeated = [...copiesById.values()].filter((count) => count > 1);
    expect(repeated.reduce((sum, count) => sum + count - 1, 0)).toBeLessThanOrEqual(CONCURRENCY);
    const attempts = await pg.query<{ n: string }>(
      `select count(*) as n from notifications.delivery_attempt where outcome = 'sent'`,
    );
    expect(Number(attempts.rows[0].n)).toBe(QUEUED);
  });
});
