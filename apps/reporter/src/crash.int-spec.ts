import { ReporterRpc, SubmissionReceiptReply } from '@app/contracts';
import { AppProcess } from '@test/support/app-process';
import { samplePdf } from './testing/sample-files';
import { ReporterHarness } from './testing/reporter.harness';
import { phoneJpeg } from './testing/sample-images';

/** Runs the built service (`npm run build` first) as its own process, so it can be killed mid-upload. */
describe('the reporter killed in the middle of an upload', () => {
  const h = new ReporterHarness();
  const copies: AppProcess[] = [];

  const startCopy = async (): Promise<AppProcess> => {
    const copy = new AppProcess(
      'reporter',
      h.env({ LOG_LEVEL: 'info', REPORTER_INSTANCE_ID: 'copy-a' }),
    ).start();
    copies.push(copy);
    await copy.waitForLine(/is answering on NATS/);
    return copy;
  };

  beforeAll(() => h.open());
  afterAll(async () => {
    for (const copy of copies) await copy.stop();
    await h.stop();
  });

  it('keeps every submission that got a receipt and, after the restart, no trace of the half-sent file', async () => {
    const first = await startCopy();
    const receipts: SubmissionReceiptReply[] = [];
    for (let i = 0; i < 3; i += 1) {
      receipts.push((await h.submit([{ name: `photo-${i}.jpg`, bytes: phoneJpeg() }])).receipt);
    }

    // A PDF (stored as it comes) of 1 MiB, of which 640 KiB arrive before the process dies: two chunk rows.
    const big = Buffer.concat([samplePdf(), Buffer.alloc(1024 * 1024, 3)]);
    const intake = await h.openIntake(h.address());
    for (let seq = 0; seq < 10; seq += 1) {
      await h.chunks.sendChunk(intake.chunkSubject, {
        intakeId: intake.intakeId,
        fileIndex: 0,
        fileName: 'big.pdf',
        seq,
        last: false,
        data: big.subarray(seq * 65536, (seq + 1) * 65536),
      });
    }
    expect(await h.count('attachment_chunk')).toBe(3 + 2);
    expect(await h.one(`select count(*)::int as n from reporter.attachment where not complete`)).toEqual({
      n: 1,
    });
    await first.kill();

    await startCopy();
    expect(await h.count('intake')).toBe(0);
    expect(await h.one(`select count(*)::int as n from reporter.attachment where not complete`)).toEqual({
      n: 0,
    });
    expect(
      await h.one(`select count(*)::int as n from reporter.attachment_chunk c
        where not exists (select 1 from reporter.attachment a where a.id = c.attachment_id and a.complete)`),
    ).toEqual({ n: 0 });

    const moderator = h.staff();
    for (const receipt of receipts) {
      const detail = await h.call(ReporterRpc.deskGet, {
        caller: moderator,
        id: await h.idOf(receipt.trackingCode),
      });
      expect(detail.attachments).toHaveLength(1);
      const stored = await h.chunks.readAttachment(moderator, detail.id, detail.attachments[0].id);
      expect(stored.bytes.length).toBe(detail.attachments[0].sizeBytes);
    }
    expect(
      await h.chunks
        .sendChunk(intake.chunkSubject, {
          intakeId: intake.intakeId,
          fileIndex: 0,
          seq: 10,
          last: true,
          data: Buffer.alloc(0),
        })
        .catch((error: { status: number }) => error.status),
    ).toBe(404);
  });
});
