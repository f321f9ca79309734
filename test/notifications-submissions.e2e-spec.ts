import { ReporterRpc } from '@app/contracts';
import { NotificationsHarness } from '../apps/notifications/src/testing/notifications.harness';
import { ReporterHarness, SUBMITTER } from '../apps/reporter/src/testing/reporter.harness';

/** In-process services on the real NATS and PostgreSQL: the reporter publishes, notifications consume. */
describe('notifications of submissions, with the reporter service', () => {
  const reporter = new ReporterHarness();
  const notifications = new NotificationsHarness();

  beforeAll(async () => {
    await reporter.open();
    const stream = reporter.env().EVENTS_STREAM!;
    await reporter.startInProcess();
    await notifications.start({}, { namespace: reporter.namespace, stream });
  });
  afterAll(async () => {
    await notifications.stop();
    await reporter.stop();
  });

  it('tells moderators of a new submission and sends the submitter its tracking code, keeping neither', async () => {
    const moderator = await notifications.staff(['moderator']);
    const { receipt } = await reporter.submit([], { locale: 'en' });
    await notifications.until(() => notifications.smtp.to(SUBMITTER.email).length === 1, 'the confirmation');
    const [confirmation] = notifications.smtp.to(SUBMITTER.email);
    expect(confirmation.subject).toBe('We received your submission');
    expect(confirmation.text).toContain(receipt.trackingCode);
    expect(confirmation.text).toContain(SUBMITTER.name);
    await notifications.until(
      () => notifications.smtp.to(moderator.email).length === 1,
      "the moderator's email",
    );
    expect(notifications.smtp.to(moderator.email)[0].text).not.toContain(SUBMITTER.name);

    const kept = await notifications.rows<{ row: string }>(
      `select row_to_json(d)::text as row from notifications.delivery d
       union all select row_to_json(a)::text from notifications.delivery_attempt a
       union all select row_to_json(n)::text from notifications.notification n`,
    );
    const everything = kept.map((row) => row.row).join('\n');
    for (const secret of [receipt.trackingCode, SUBMITTER.email, SUBMITTER.name]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('tells the submitter of a status change with the newsroom message, and never of spam', async () => {
    const { receipt } = await reporter.submit([], { locale: 'ru' });
    const id = await reporter.idOf(receipt.trackingCode);
    await notifications.until(
      () => notifications.smtp.to(SUBMITTER.email).some((mail) => mail.text?.includes(receipt.trackingCode)),
      'the confirmation',
    );
    const before = notifications.smtp.to(SUBMITTER.email).length;
    const caller = reporter.staff('moderator');
    await reporter.call(ReporterRpc.deskTransition, { caller, id, to: 'in_review' });
    await reporter.call(ReporterRpc.deskTransition, {
      caller,
      id,
      to: 'needs_info',
      messageToSubmitter: 'Пришлите, пожалуйста, фото',
    });
    await notifications.until(
      () => notifications.smtp.to(SUBMITTER.email).length === before + 2,
      'two status emails',
    );
    const latest = notifications.smtp.to(SUBMITTER.email).slice(before);
    expect(latest.map((mail) => mail.subject).sort()).toEqual([
      'Статус вашего сообщения: на рассмотрении',
      'Статус вашего сообщения: нужны уточнения',
    ]);
    expect(latest.find((mail) => mail.subject?.includes('уточнения'))?.text).toContain(
      'Пришлите, пожалуйста, фото',
    );

    const spam = await reporter.submit([], { locale: 'ru' });
    const spamId = await reporter.idOf(spam.receipt.trackingCode);
    await notifications.until(
      () =>
        notifications.smtp.to(SUBMITTER.email).some((mail) => mail.text?.includes(spam.receipt.trackingCode)),
      'the confirmation of the spam',
    );
    await reporter.call(ReporterRpc.deskTransition, { caller, id: spamId, to: 'spam' });
    const { rows } = await reporter.pg.query<{ id: string }>(
      `select id from reporter.outbox_event
        where type = 'submission.status_changed' and payload->'data'->>'submissionId' = $1`,
      [spamId],
    );
    await notifications.until(
      async () =>
        (await notifications.count('inbox_entry', 'event_id = $1 and consumer = $2', [
          rows[0].id,
          'notifications-submissions',
        ])) === 1,
      'the spam transition to be handled',
    );
    expect(await notifications.count('delivery', `recipient_key = $1`, [`submitter:${spamId}`])).toBe(1);
  });
});
