import { ANONYMOUS, Caller, ReporterRpc, SUBMISSION_STATUSES, SubmissionStatus } from '@app/contracts';
import { allowedNextStatuses } from './domain/submission-status';
import { ReporterHarness, settle, SUBMITTER } from './testing/reporter.harness';
import { phoneJpeg } from './testing/sample-images';

/** Moves a new submission along the shortest allowed path to `status`. */
const PATH: Record<SubmissionStatus, SubmissionStatus[]> = {
  received: [],
  in_review: ['in_review'],
  needs_info: ['in_review', 'needs_info'],
  accepted: ['in_review', 'accepted'],
  published: ['in_review', 'accepted', 'published'],
  rejected: ['rejected'],
  spam: ['spam'],
};

describe('reporter tracking and desk over NATS', () => {
  const h = new ReporterHarness();
  let moderator: Caller;

  beforeAll(async () => {
    await h.open();
    await h.startInProcess({ TRACKING_FAILURES_PER_ADDRESS_PER_HOUR: '3' });
    moderator = h.staff();
  });
  afterAll(() => h.stop());

  async function submissionAt(status: SubmissionStatus) {
    const { receipt } = await h.submit();
    const id = await h.idOf(receipt.trackingCode);
    for (const to of PATH[status]) {
      await h.call(ReporterRpc.deskTransition, {
        caller: moderator,
        id,
        to,
        ...(to === 'needs_info' ? { messageToSubmitter: 'Где именно это было?' } : {}),
      });
    }
    return { id, trackingCode: receipt.trackingCode };
  }

  it('shows the submitter status and conversation by code, and nothing of the contact data or notes', async () => {
    const { id, trackingCode } = await submissionAt('needs_info');
    await h.call(ReporterRpc.deskNote, { caller: moderator, id, text: 'Проверить у полиции' });
    await h.call(ReporterRpc.deskAssign, { caller: moderator, id, staffId: moderator.staffId });
    const view = await h.call(ReporterRpc.trackingView, { trackingCode, addressHash: h.address() });
    expect(view).toEqual({
      status: 'needs_info',
      updatedAt: expect.any(String),
      messages: [{ at: expect.any(String), from: 'newsroom', text: 'Где именно это было?' }],
    });
    const shown = JSON.stringify(view);
    for (const secret of [...Object.values(SUBMITTER), 'Проверить у полиции', moderator.staffId!]) {
      expect(shown).not.toContain(secret);
    }
    // Typed by a reader: lower case, spaces, O for 0.
    const typed = trackingCode.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    expect(
      (await h.call(ReporterRpc.trackingView, { trackingCode: typed, addressHash: h.address() })).status,
    ).toBe('needs_info');
  });

  it('takes the submitter answer, records submission.message_received for the assignee, and refuses it once closed', async () => {
    const { id, trackingCode } = await submissionAt('needs_info');
    await h.call(ReporterRpc.deskAssign, { caller: moderator, id, staffId: 'staff-desk' });
    const answer = await h.call(ReporterRpc.trackingReply, {
      trackingCode,
      addressHash: h.address(),
      text: 'У дома 7',
    });
    expect(answer).toMatchObject({ from: 'submitter', text: 'У дома 7' });
    const events = await h.eventsOf(id);
    expect(events.find((e) => e.type === 'submission.message_received')?.data).toEqual({
      submissionId: id,
      assigneeId: 'staff-desk',
      at: answer.at,
    });
    await h.call(ReporterRpc.deskTransition, { caller: moderator, id, to: 'rejected' });
    expect(
      await settle(
        h.call(ReporterRpc.trackingReply, { trackingCode, addressHash: h.address(), text: 'Ещё' }),
      ),
    ).toMatchObject({ ok: false, error: { status: 422, code: 'submission_closed' } });
  });

  it('answers 404 to a wrong code and 429 once an address has tried TRACKING_FAILURES_PER_ADDRESS_PER_HOUR wrong ones', async () => {
    const { trackingCode } = await submissionAt('received');
    const address = h.address();
    const wrong = ['0000-0000-0000-0000', 'not a code', '1111-2222-3333-4444'];
    for (const code of wrong) {
      expect(
        await settle(h.call(ReporterRpc.trackingView, { trackingCode: code, addressHash: address })),
      ).toMatchObject({
        ok: false,
        error: { status: 404, code: 'tracking_code_not_found' },
      });
    }
    for (const code of ['ZZZZ-ZZZZ-ZZZZ-ZZZZ', trackingCode]) {
      expect(
        await settle(h.call(ReporterRpc.trackingView, { trackingCode: code, addressHash: address })),
      ).toMatchObject({
        ok: false,
        error: { status: 429, retryAfterSeconds: expect.any(Number) },
      });
    }
    expect((await h.call(ReporterRpc.trackingView, { trackingCode, addressHash: h.address() })).status).toBe(
      'received',
    );
  });

  it('allows every transition of the state machine, refuses every other with 409, and a stale version with 412', async () => {
    for (const from of SUBMISSION_STATUSES) {
      for (const to of SUBMISSION_STATUSES) {
        const { id } = await submissionAt(from);
        const message = to === 'needs_info' ? { messageToSubmitter: 'Уточните, пожалуйста' } : {};
        const outcome = await settle(
          h.call(ReporterRpc.deskTransition, { caller: moderator, id, to, ...message }),
        );
        if (allowedNextStatuses(from).includes(to)) {
          expect(outcome).toMatchObject({ ok: true, value: { status: to } });
        } else {
          expect(outcome).toMatchObject({
            ok: false,
            error: { status: 409, code: 'submission_transition_not_allowed' },
          });
        }
      }
    }
    const { id } = await submissionAt('received');
    const detail = await h.call(ReporterRpc.deskGet, { caller: moderator, id });
    await h.call(ReporterRpc.deskAssign, {
      caller: moderator,
      id,
      staffId: 'x',
      expectedVersion: detail.version,
    });
    expect(
      await settle(
        h.call(ReporterRpc.deskTransition, {
          caller: moderator,
          id,
          to: 'in_review',
          expectedVersion: detail.version,
        }),
      ),
    ).toMatchObject({ ok: false, error: { status: 412, code: 'submission_version_stale' } });
    expect(
      await settle(h.call(ReporterRpc.deskTransition, { caller: moderator, id, to: 'in_review' })),
    ).toMatchObject({ ok: true });
    expect(
      await settle(h.call(ReporterRpc.deskTransition, { caller: moderator, id, to: 'needs_info' })),
    ).toMatchObject({ ok: false, error: { status: 422, code: 'submission_message_required' } });
  });

  it('keeps the history of every transition and records submission.status_changed without contact data', async () => {
    const { id } = await submissionAt('accepted');
    const detail = await h.call(ReporterRpc.deskGet, { caller: moderator, id });
    expect(detail.history.map((step) => [step.from, step.to, step.staffId])).toEqual([
      ['received', 'in_review', moderator.staffId],
      ['in_review', 'accepted', moderator.staffId],
    ]);
    expect(detail.contact).toEqual(SUBMITTER);
    const changes = (await h.eventsOf(id)).filter((e) => e.type === 'submission.status_changed');
    expect(changes.map((e) => e.data)).toEqual([
      expect.objectContaining({
        submissionId: id,
        from: 'received',
        to: 'in_review',
        byStaffId: moderator.staffId,
        hasMessage: false,
      }),
      expect.objectContaining({ from: 'in_review', to: 'accepted' }),
    ]);
    const outbox = JSON.stringify((await h.pg.query(`select payload from reporter.outbox_event`)).rows);
    for (const secret of Object.values(SUBMITTER)) expect(outbox).not.toContain(secret);
  });

  it('refuses every desk operation to anonymous callers, readers and staff without the moderator role', async () => {
    const { receipt } = await h.submit([{ name: 'x.jpg', bytes: phoneJpeg() }]);
    const id = await h.idOf(receipt.trackingCode);
    const attachmentId = (await h.call(ReporterRpc.deskGet, { caller: moderator, id })).attachments[0].id;
    const callers: Caller[] = [
      { ...ANONYMOUS, roles: [] },
      { readerId: 'reader-1', staffId: null, roles: [], addressHash: 'a', portalName: null },
      { readerId: null, staffId: 'staff-no-role', roles: [], addressHash: null, portalName: null },
      { readerId: 'reader-2', staffId: null, roles: ['moderator'], addressHash: null, portalName: null },
    ];
    for (const caller of callers) {
      const attempts: Promise<unknown>[] = [
        h.call(ReporterRpc.deskList, { caller }),
        h.call(ReporterRpc.deskGet, { caller, id }),
        h.call(ReporterRpc.deskTransition, { caller, id, to: 'spam' }),
        h.call(ReporterRpc.deskAssign, { caller, id, staffId: 'me' }),
        h.call(ReporterRpc.deskNote, { caller, id, text: 'n' }),
        h.chunks.readAttachment(caller, id, attachmentId),
      ];
      for (const attempt of attempts) {
        expect(await settle(attempt)).toMatchObject({ ok: false, error: { status: 403, code: 'forbidden' } });
      }
    }
    const after = await h.call(ReporterRpc.deskGet, { caller: moderator, id });
    expect(after).toMatchObject({ status: 'received', assigneeId: null, notes: [] });
    expect((await h.call(ReporterRpc.deskGet, { caller: h.staff('editor'), id })).id).toBe(id);
  });

  it('lists newest first without contact data, by status, assignee, category and words, page by page', async () => {
    const fresh = new ReporterHarness();
    await fresh.open();
    await fresh.startInProcess();
    try {
      const desk = fresh.staff();
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const { receipt } = await fresh.submit([], {
          fields: {
            title: `Новость ${i}`,
            body: i === 3 ? 'Пожар на складе у реки' : 'Обычный день',
            category: i % 2 ? 'transport' : 'city',
          },
        });
        ids.push(await fresh.idOf(receipt.trackingCode));
      }
      await fresh.call(ReporterRpc.deskAssign, { caller: desk, id: ids[1], staffId: desk.staffId });
      await fresh.call(ReporterRpc.deskTransition, { caller: desk, id: ids[2], to: 'spam' });
      const first = await fresh.call(ReporterRpc.deskList, { caller: desk, limit: 2 });
      const second = await fresh.call(ReporterRpc.deskList, {
        caller: desk,
        limit: 2,
        cursor: first.nextCursor!,
      });
      const third = await fresh.call(ReporterRpc.deskList, {
        caller: desk,
        limit: 2,
        cursor: second.nextCursor!,
      });
      expect([...first.items, ...second.items, ...third.items].map((item) => item.id)).toEqual(
        [...ids].reverse(),
      );
      expect(third.nextCursor).toBeNull();
      expect(JSON.stringify(first)).not.toContain(SUBMITTER.name);
      const only = async (query: object) =>
        (await fresh.call(ReporterRpc.deskList, { caller: desk, ...query })).items.map((item) => item.id);
      expect(await only({ assignee: 'me' })).toEqual([ids[1]]);
      expect(await only({ assignee: 'none' })).toEqual([ids[4], ids[3], ids[2], ids[0]]);
      expect(await only({ status: 'spam' })).toEqual([ids[2]]);
      expect(await only({ category: 'transport' })).toEqual([ids[3], ids[1]]);
      expect(await only({ q: 'пожар' })).toEqual([ids[3]]);
    } finally {
      await fresh.stop();
    }
  });

  it('keeps neither contact data nor tracking codes in clear anywhere in the schema', async () => {
    const { receipt } = await h.submit([{ name: 'Мария_у_дома.jpg', bytes: phoneJpeg() }], {
      key: `dump-${h.run}`,
    });
    const columns = await h.pg.query<{ table_name: string; column_name: string; data_type: string }>(
      `select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'reporter' and data_type in ('text', 'bytea', 'jsonb', 'character varying')`,
    );
    let dump = '';
    for (const column of columns.rows) {
      const rows = await h.pg.query<{ value: string | Buffer | object | null }>(
        `select "${column.column_name}" as value from reporter."${column.table_name}"`,
      );
      for (const { value } of rows.rows) {
        if (value === null) continue;
        dump += Buffer.isBuffer(value)
          ? value.toString('latin1')
          : typeof value === 'string'
            ? value
            : JSON.stringify(value);
        dump += '\n';
      }
    }
    expect(dump.length).toBeGreaterThan(1000);
    const canonical = receipt.trackingCode.replace(/-/g, '');
    for (const secret of [...Object.values(SUBMITTER), receipt.trackingCode, canonical, 'Мария_у_дома']) {
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(Buffer.from(secret, 'utf8').toString('latin1'));
    }
  });

  it('gives the tracking code only to the notifications service, while it is kept', async () => {
    const { receipt } = await h.submit();
    const id = await h.idOf(receipt.trackingCode);
    expect(
      await h.call(ReporterRpc.submitterNotice, {
        callerService: 'notifications',
        submissionId: id,
        purpose: 'received',
      }),
    ).toEqual({
      email: SUBMITTER.email,
      name: SUBMITTER.name,
      locale: 'ru',
      status: 'received',
      trackingCode: receipt.trackingCode,
      messageToSubmitter: null,
    });
    expect(
      await settle(
        h.call(ReporterRpc.submitterNotice, {
          callerService: 'comments',
          submissionId: id,
          purpose: 'received',
        }),
      ),
    ).toMatchObject({ ok: false, error: { status: 403 } });
    await h.housekeeping.sweep(new Date(Date.now() + 25 * 3_600_000));
    expect(
      (
        await h.call(ReporterRpc.submitterNotice, {
          callerService: 'notifications',
          submissionId: id,
          purpose: 'received',
        })
      ).trackingCode,
    ).toBeNull();
    await h.call(ReporterRpc.deskTransition, {
      caller: moderator,
      id,
      to: 'in_review',
      messageToSubmitter: 'Смотрим',
    });
    expect(
      await h.call(ReporterRpc.submitterNotice, {
        callerService: 'notifications',
        submissionId: id,
        purpose: 'status_changed',
      }),
    ).toMatchObject({ status: 'in_review', trackingCode: null, messageToSubmitter: 'Смотрим' });
  });

  it('deletes rejected and spam submissions with their files after the retention period, and keeps accepted ones', async () => {
    const withFile = async (status: SubmissionStatus) => {
      const { receipt } = await h.submit([{ name: 'f.jpg', bytes: phoneJpeg() }]);
      const id = await h.idOf(receipt.trackingCode);
      for (const to of PATH[status]) await h.call(ReporterRpc.deskTransition, { caller: moderator, id, to });
      return id;
    };
    const rejected = await withFile('rejected');
    const spam = await withFile('spam');
    const accepted = await withFile('accepted');
    const chunksOf = async (id: string) =>
      (
        await h.one<{ n: number }>(
          `select count(*)::int as n from reporter.attachment_chunk c join reporter.attachment a on a.id = c.attachment_id
            where a.submission_id = $1`,
          [id],
        )
      ).n;
    expect(await chunksOf(rejected)).toBeGreaterThan(0);
    const chunksBefore = await h.count('attachment_chunk');
    const notYet = await h.housekeeping.sweep(new Date(Date.now() + 29 * 86_400_000));
    expect(notYet.discardedSubmissions).toBe(0);
    await h.housekeeping.sweep(new Date(Date.now() + 31 * 86_400_000));
    for (const id of [rejected, spam]) {
      expect(await h.one(`select count(*)::int as n from reporter.submission where id = $1`, [id])).toEqual({
        n: 0,
      });
      expect(
        await h.one(`select count(*)::int as n from reporter.attachment where submission_id = $1`, [id]),
      ).toEqual({ n: 0 });
      expect(
        await h.one(`select count(*)::int as n from reporter.transition where submission_id = $1`, [id]),
      ).toEqual({ n: 0 });
    }
    expect(await h.count('attachment_chunk')).toBeLessThan(chunksBefore);
    expect(
      await h.one(`select count(*)::int as n from reporter.attachment_chunk c
      where not exists (select 1 from reporter.attachment a where a.id = c.attachment_id)`),
    ).toEqual({ n: 0 });
    expect((await h.call(ReporterRpc.deskGet, { caller: moderator, id: accepted })).attachments).toHaveLength(
      1,
    );
    expect(await chunksOf(accepted)).toBeGreaterThan(0);
  });
});
