import { randomUUID } from 'node:crypto';
import { OutboxPurge } from '@app/messaging';
import { createTestMessagingDatabase, TestMessagingDatabase } from '@test/support/test-messaging-database';

describe('outbox purge', () => {
  let db: TestMessagingDatabase;

  beforeAll(async () => {
    db = await createTestMessagingDatabase('outbox_purge_test');
  });

  beforeEach(async () => {
    await db.sql('delete from {schema}.outbox_event');
  });

  afterAll(async () => {
    await db?.close();
  });

  /** A row created and published `publishedAgo` before the database's now (an interval), or never. */
  async function row(label: string, publishedAgo: string | null, createdAgo = '30 days'): Promise<void> {
    await db.sql(
      `insert into {schema}.outbox_event (id, type, subject, payload, created_at, published_at)
       values (?, 'note.added', 'events.note.added', ?::jsonb, now() - ?::interval,
               case when ?::text is null then null else now() - ?::interval end)`,
      [randomUUID(), JSON.stringify({ label }), createdAgo, publishedAgo, publishedAgo],
    );
  }

  const labels = async () =>
    (
      await db.sql<{ label: string }>(
        "select payload->>'label' as label from {schema}.outbox_event order by label",
      )
    ).map((found) => found.label);

  it('deletes rows published just beyond the retention and keeps those just inside it and unpublished ones', async () => {
    await row('inside', '1 hour - 5 seconds');
    await row('outside', '1 hour 5 seconds');
    await row('long gone', '40 days');
    await row('never published', null, '400 days');

    const deleted = await new OutboxPurge(db.orm, { retentionHours: 1 }).purge();

    expect(deleted).toBe(2);
    expect(await labels()).toEqual(['inside', 'never published']);
  });

  it('deletes in bounded batches and stops a pass at its bound', async () => {
    for (let i = 0; i < 7; i++) await row(`old ${i}`, '3 hours');
    await row('recent', '10 minutes');
    const purge = new OutboxPurge(db.orm, { retentionHours: 2, batchSize: 2, maxBatchesPerPass: 3 });

    expect(await purge.purge()).toBe(6);
    expect(await purge.purge()).toBe(1);
    expect(await purge.purge()).toBe(0);
    expect(await labels()).toEqual(['recent']);
  });

  it('lets several copies purge at once, each row deleted by one of them', async () => {
    for (let i = 0; i < 60; i++) await row(`old ${i}`, '5 days');
    const copies = [1, 2, 3].map(() => new OutboxPurge(db.orm, { retentionHours: 72, batchSize: 5 }));

    const deleted = await Promise.all(copies.map((copy) => copy.purge()));

    expect(deleted.reduce((sum, count) => sum + count, 0)).toBe(60);
    expect(await labels()).toEqual([]);
  });
});
