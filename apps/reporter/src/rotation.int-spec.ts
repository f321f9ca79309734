import { randomBytes } from 'node:crypto';
import { ReporterRpc } from '@app/contracts';
import { loadConfig } from '@app/runtime';
import { ReporterEnv } from './reporter.config';
import { rotateContactKeys } from './rotation/contact-key-rotation.command';
import { CONTACT_KEYS, ReporterHarness, SUBMITTER } from './testing/reporter.harness';
import { phoneJpeg } from './testing/sample-images';

describe('contact key rotation', () => {
  const h = new ReporterHarness();
  beforeAll(async () => {
    await h.open();
    await h.startInProcess();
  });
  afterAll(() => h.stop());

  it('re-encrypts every value under the new key, so the old key can be dropped; a second run changes nothing', async () => {
    const { receipt } = await h.submit([{ name: 'кадр.jpg', bytes: phoneJpeg() }], { key: `rot-${h.run}` });
    const id = await h.idOf(receipt.trackingCode);
    await h.stopService();

    const newKey = `k2:${randomBytes(32).toString('base64')}`;
    const config = loadConfig(ReporterEnv, h.env({ REPORTER_CONTACT_KEYS: `${newKey},${CONTACT_KEYS}` }));
    const first = await rotateContactKeys(config);
    // name, email, phone, location and the kept code; the file name; the idempotency receipt.
    expect(first).toEqual({ examined: 7, reencrypted: 7, unreadable: [] });
    expect(await rotateContactKeys(config)).toEqual({ examined: 7, reencrypted: 0, unreadable: [] });
    expect(await h.one(`select contact_key_id from reporter.submission where id = $1`, [id])).toEqual({
      contact_key_id: 'k2',
    });

    await h.startInProcess({ REPORTER_CONTACT_KEYS: newKey });
    const detail = await h.call(ReporterRpc.deskGet, { caller: h.staff(), id });
    expect(detail.contact).toEqual(SUBMITTER);
    expect(detail.attachments[0].fileName).toBe('кадр.jpg');
    // The idempotency record's receipt (its code encrypted) reads under the new key: a retry gets it.
    const again = await h.submit([{ name: 'кадр.jpg', bytes: phoneJpeg() }], { key: `rot-${h.run}` });
    expect(again.receipt).toEqual(receipt);
  });
});
