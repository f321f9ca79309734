import exifr from 'exifr';
import { decode } from 'jpeg-js';
import { ReporterRpc } from '@app/contracts';
import { fingerprintOf, MAX_CHUNK, sha256 } from './testing/chunk-client';
import { ReporterHarness, settle, submissionFields } from './testing/reporter.harness';
import { phoneJpeg, SOURCE_LOCATION } from './testing/sample-images';
import { samplePdf, samplePng } from './testing/sample-files';

const LIMITS = { file: 300_000, total: 500_000, files: 3 };

describe('reporter intake over NATS', () => {
  const h = new ReporterHarness();

  beforeAll(async () => {
    await h.open();
    await h.startInProcess({
      SUBMISSION_MAX_FILE_BYTES: String(LIMITS.file),
      SUBMISSION_MAX_TOTAL_BYTES: String(LIMITS.total),
      SUBMISSION_MAX_FILES: String(LIMITS.files),
    });
  });
  afterAll(() => h.stop());

  /** A PNG of exactly `size` bytes: a valid picture followed by bytes the cleaner drops as a trailer. */
  const pngOf = (size: number): Buffer => {
    const png = samplePng();
    return Buffer.concat([png, Buffer.alloc(size - png.length, 7)]);
  };

  it('stores a phone photo without its GPS and EXIF, still a picture, and reads it back through attachment.read', async () => {
    const photo = phoneJpeg(6, 64, 48);
    expect((await exifr.gps(photo))?.latitude).toBeCloseTo(SOURCE_LOCATION.latitude, 3);
    const { receipt, attachments } = await h.submit([{ name: 'IMG_2041.jpg', bytes: photo }]);
    expect(attachments[0]).toMatchObject({ kind: 'jpeg', sha256: sha256(photo) });

    const moderator = h.staff();
    const id = await h.idOf(receipt.trackingCode);
    const detail = await h.call(ReporterRpc.deskGet, { caller: moderator, id });
    expect(detail.attachments).toEqual([
      expect.objectContaining({
        kind: 'jpeg',
        fileName: 'IMG_2041.jpg',
        sizeBytes: attachments[0].sizeBytes,
      }),
    ]);
    const stored = await h.chunks.readAttachment(moderator, id, detail.attachments[0].id);
    expect(stored.kind).toBe('jpeg');
    expect(stored.fileName).toBe('IMG_2041.jpg');
    expect(stored.bytes.length).toBe(detail.attachments[0].sizeBytes);
    expect(await exifr.gps(stored.bytes)).toBeUndefined();
    const exif = (await exifr.parse(stored.bytes, {
      tiff: true,
      exif: true,
      gps: true,
      xmp: true,
      iptc: true,
    })) as Record<string, unknown> | undefined;
    expect(Object.keys(exif ?? {}).filter((tag) => tag !== 'Orientation')).toEqual([]);
    expect(decode(stored.bytes)).toMatchObject({ width: 64, height: 48 });
  });

  it('refuses a file that is not an allowed kind with 415 naming it, and keeps nothing', async () => {
    const before = await h.rowCounts();
    const intake = await h.openIntake(h.address());
    const refused = await settle(
      h.chunks.sendFile(intake.chunkSubject, intake.intakeId, 0, {
        name: 'report.exe',
        bytes: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(5000, 1)]),
      }),
    );
    expect(refused).toMatchObject({ ok: false, error: { status: 415, code: 'file_kind_not_allowed' } });
    expect(!refused.ok && refused.error.message).toContain('report.exe');
    expect(await h.rowCounts()).toEqual(before);
  });

  it('refuses a damaged photo (422), an unknown upload (404) and malformed chunk headers (400), naming what is wrong', async () => {
    const intake = await h.openIntake(h.address());
    const photo = phoneJpeg();
    const damaged = await settle(
      h.chunks.sendFile(intake.chunkSubject, intake.intakeId, 0, {
        name: 'broken.jpg',
        bytes: photo.subarray(0, photo.length - 200),
      }),
    );
    expect(damaged).toMatchObject({ ok: false, error: { status: 422, code: 'file_malformed' } });
    expect(!damaged.ok && damaged.error.message).toContain('broken.jpg');
    expect(
      await settle(
        h.chunks.sendChunk(intake.chunkSubject, {
          intakeId: intake.intakeId,
          fileIndex: 0,
          seq: 0,
          last: true,
          data: photo,
        }),
      ),
    ).toMatchObject({ ok: false, error: { status: 404, code: 'intake_not_found' } });
    const other = await h.openIntake(h.address());
    expect(
      await settle(
        h.chunks.sendChunk(other.chunkSubject, {
          intakeId: other.intakeId,
          fileIndex: -1,
          seq: 0,
          last: false,
          data: photo,
        }),
      ),
    ).toMatchObject({
      ok: false,
      error: { status: 400, errors: [{ field: 'File-Index', message: expect.any(String) }] },
    });
    await h.call(ReporterRpc.abortIntake, { intakeId: other.intakeId });
  });

  it.each([
    ['a file one byte over its limit', [LIMITS.file + 1], 'file_too_large', [LIMITS.file]],
    [
      'files one byte over the total',
      [LIMITS.file, LIMITS.total - LIMITS.file + 1],
      'submission_too_large',
      [LIMITS.file, LIMITS.total - LIMITS.file],
    ],
    ['one file too many', [1000, 1000, 1000, 1000], 'too_many_files', [1000, 1000, 1000]],
  ])(
    'refuses %s with 413 naming the file and keeps nothing; at the limit it passes',
    async (_what, sizes, code, atLimit) => {
      const before = await h.rowCounts();
      const intake = await h.openIntake(h.address());
      let refusal: unknown;
      for (const [index, size] of sizes.entries()) {
        const sent = await settle(
          h.chunks.sendFile(intake.chunkSubject, intake.intakeId, index, {
            name: `photo-${index}.png`,
            bytes: pngOf(size),
          }),
        );
        if (!sent.ok) {
          refusal = sent.error;
          break;
        }
      }
      expect(refusal).toMatchObject({
        status: 413,
        code,
        message: expect.stringContaining(`photo-${sizes.length - 1}.png`),
      });
      expect(await h.rowCounts()).toEqual(before);
      const completed = await settle(
        h.call(ReporterRpc.completeIntake, {
          intakeId: intake.intakeId,
          addressHash: 'x',
          fingerprint: sha256('x'),
          locale: 'ru',
          fields: submissionFields(),
        }),
      );
      expect(completed).toMatchObject({ ok: false, error: { status: 404 } });

      const { receipt } = await h.submit(
        atLimit.map((size, index) => ({ name: `ok-${index}.png`, bytes: pngOf(size) })),
      );
      expect(receipt.status).toBe('received');
    },
  );

  it('leaves no file and no chunk of an aborted upload', async () => {
    const before = await h.rowCounts();
    const intake = await h.openIntake(h.address());
    await h.chunks.sendFile(intake.chunkSubject, intake.intakeId, 0, {
      name: 'a.png',
      bytes: pngOf(200_000),
    });
    await h.chunks.sendChunk(intake.chunkSubject, {
      intakeId: intake.intakeId,
      fileIndex: 1,
      fileName: 'b.jpg',
      seq: 0,
      last: false,
      data: phoneJpeg().subarray(0, 1000),
    });
    expect((await h.rowCounts()).attachment_chunk).toBeGreaterThan(before.attachment_chunk);
    expect(await h.call(ReporterRpc.abortIntake, { intakeId: intake.intakeId })).toEqual({
      intakeId: intake.intakeId,
      discardedFiles: 2,
    });
    expect(await h.rowCounts()).toEqual(before);
  });

  it('refuses to complete an upload whose file has not ended (409), and sweeps it with its chunks after INTAKE_ORPHAN_MINUTES', async () => {
    const before = await h.rowCounts();
    const address = h.address();
    const intake = await h.openIntake(address);
    await h.chunks.sendChunk(intake.chunkSubject, {
      intakeId: intake.intakeId,
      fileIndex: 0,
      fileName: 'half.pdf',
      seq: 0,
      last: false,
      data: Buffer.concat([samplePdf(), Buffer.alloc(MAX_CHUNK, 1)]).subarray(0, MAX_CHUNK),
    });
    const fields = submissionFields();
    expect(
      await settle(
        h.call(ReporterRpc.completeIntake, {
          intakeId: intake.intakeId,
          addressHash: address,
          fingerprint: fingerprintOf(fields, []),
          locale: 'ru',
          fields,
        }),
      ),
    ).toMatchObject({ ok: false, error: { status: 409, code: 'intake_out_of_sequence' } });
    expect((await h.rowCounts()).attachment_chunk).toBe(before.attachment_chunk + 1);
    const now = Date.now();
    expect((await h.housekeeping.sweep(new Date(now + 14 * 60_000))).orphanIntakes).toBe(0);
    expect((await h.housekeeping.sweep(new Date(now + 16 * 60_000))).orphanIntakes).toBe(1);
    expect(await h.rowCounts()).toEqual(before);
  });

  it('makes one submission of 50 concurrent posts with one idempotency key, all answered with its code', async () => {
    const key = `key-${h.run}-concurrent`;
    const address = h.address();
    const photo = phoneJpeg();
    const before = await h.count('submission');
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () => h.submit([{ name: 'same.jpg', bytes: photo }], { key, address })),
    );
    const codes = new Set(outcomes.map((outcome) => outcome.receipt.trackingCode));
    expect(codes.size).toBe(1);
    expect(await h.count('submission')).toBe(before + 1);
    const id = await h.idOf([...codes][0]);
    expect(
      await h.one(`select count(*)::int as n from reporter.attachment where submission_id = $1`, [id]),
    ).toEqual({ n: 1 });
    expect(await h.count('intake')).toBe(0);
    expect(
      await h.one(`select count(*)::int as n from reporter.attachment where submission_id is null`),
    ).toEqual({ n: 0 });
  });

  it('refuses the same idempotency key with another content (422), before and after the first completed, and answers the same content with the first receipt', async () => {
    const key = `key-${h.run}-reuse`;
    const address = h.address();
    // Both posts began before either completed: the second finds the key taken at completion.
    const [firstIntake, secondIntake] = [await h.openIntake(address), await h.openIntake(address)];
    const complete = (intakeId: string, title: string) => {
      const fields = submissionFields({ title });
      return h.call(ReporterRpc.completeIntake, {
        intakeId,
        addressHash: address,
        idempotencyKeyHash: key,
        fingerprint: fingerprintOf(fields, []),
        locale: 'ru',
        fields,
      });
    };
    const first = await complete(firstIntake.intakeId, 'Первый');
    const before = await h.count('submission');
    expect(await settle(complete(secondIntake.intakeId, 'Другой'))).toMatchObject({
      ok: false,
      error: { status: 422, code: 'idempotency_key_reused' },
    });
    expect(await h.count('submission')).toBe(before);
    // After the first completed: the same content is answered with its receipt, other content refused.
    const retry = await h.openIntake(address);
    expect(await complete(retry.intakeId, 'Первый')).toEqual(first);
    const other = await h.openIntake(address);
    expect(await settle(complete(other.intakeId, 'Третий'))).toMatchObject({
      ok: false,
      error: { status: 422, code: 'idempotency_key_reused' },
    });
    expect(await h.count('submission')).toBe(before);
  });

  it('holds titles, bodies, names and locations to the configured limits, which the gateway is given', async () => {
    const narrow = new ReporterHarness();
    await narrow.open();
    await narrow.startInProcess({
      SUBMISSION_MAX_TITLE_CHARS: '10',
      SUBMISSION_MAX_BODY_CHARS: '20',
      SUBMISSION_MAX_NAME_CHARS: '5',
      SUBMISSION_MAX_LOCATION_CHARS: '8',
    });
    try {
      const address = narrow.address();
      const intake = await narrow.openIntake(address);
      expect(intake.limits).toMatchObject({ maxTitle: 10, maxBody: 20, maxName: 5, maxLocation: 8 });
      const complete = (fields: ReturnType<typeof submissionFields>) =>
        narrow.call(ReporterRpc.completeIntake, {
          intakeId: intake.intakeId,
          addressHash: address,
          fingerprint: fingerprintOf(fields, []),
          locale: 'ru',
          fields,
        });
      const before = await narrow.count('submission');
      const over = submissionFields({
        title: 'т'.repeat(11),
        body: 'б'.repeat(21),
        name: 'и'.repeat(6),
        location: 'м'.repeat(9),
      });
      const refused = await settle(complete(over));
      expect(refused).toMatchObject({ ok: false, error: { status: 400, code: 'validation_failed' } });
      expect(refused.ok ? [] : refused.error.errors?.map((error) => error.field).sort()).toEqual([
        'fields.body',
        'fields.location',
        'fields.name',
        'fields.title',
      ]);
      expect(await narrow.count('submission')).toBe(before);
      const atTheEdge = submissionFields({
        title: 'т'.repeat(10),
        body: 'б'.repeat(20),
        name: 'и'.repeat(5),
        location: 'м'.repeat(8),
      });
      expect((await complete(atTheEdge)).status).toBe('received');
      expect(await narrow.count('submission')).toBe(before + 1);
    } finally {
      await narrow.stop();
    }
  });

  it('lets exactly SUBMISSIONS_PER_ADDRESS_PER_HOUR posts begin from one address, then 429 with Retry-After', async () => {
    const limited = new ReporterHarness();
    await limited.open();
    await limited.startInProcess({ SUBMISSIONS_PER_ADDRESS_PER_HOUR: '3' });
    try {
      const address = limited.address();
      const outcomes = await Promise.all(
        Array.from({ length: 6 }, () => settle(limited.openIntake(address))),
      );
      expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
      const refused = outcomes.filter((o) => !o.ok);
      expect(refused).toHaveLength(3);
      expect(refused[0]).toMatchObject({
        error: { status: 429, code: 'rate_limited', retryAfterSeconds: expect.any(Number) },
      });
      expect((await settle(limited.openIntake(limited.address()))).ok).toBe(true);
    } finally {
      await limited.stop();
    }
  });

  it('records submission.received in the same transaction, with ids and no contact data', async () => {
    const { receipt } = await h.submit([], { locale: 'en', fields: { phone: undefined } });
    const id = await h.idOf(receipt.trackingCode);
    const events = await h.eventsOf(id);
    expect(events.map((e) => e.type)).toEqual(['submission.received']);
    expect(events[0].data).toEqual({
      submissionId: id,
      receivedAt: receipt.receivedAt,
      category: 'city',
      hasEmail: true,
      locale: 'en',
    });
  });

  it('checks the fields in the service too: no email and no phone is a 400 naming email', async () => {
    const intake = await h.openIntake(h.address());
    const fields = submissionFields({ email: undefined, phone: undefined });
    const refused = await settle(
      h.call(ReporterRpc.completeIntake, {
        intakeId: intake.intakeId,
        addressHash: 'x',
        fingerprint: fingerprintOf(fields, []),
        locale: 'ru',
        fields,
      }),
    );
    expect(refused).toMatchObject({
      ok: false,
      error: { status: 400, errors: [expect.objectContaining({ field: 'fields.email' })] },
    });
  });
});
