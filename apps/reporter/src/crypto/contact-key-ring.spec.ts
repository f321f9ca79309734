import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { ContactKeyConfigError, parseContactKeyRing } from './contact-key-ring';

const freshKey = (bytes = 32): string => randomBytes(bytes).toString('base64');

describe('contact key ring', () => {
  it('takes the first key as current and keeps the others for reading', () => {
    const ring = parseContactKeyRing(`2026-11:${freshKey()}, 2025-03:${freshKey()}`);
    expect(ring.currentKeyId).toBe('2026-11');
    expect([...ring.keys.keys()]).toEqual(['2026-11', '2025-03']);
  });

  it('accepts base64url keys as well as base64', () => {
    const key = randomBytes(32).toString('base64url');
    expect(parseContactKeyRing(`k1:${key}`).keys.get('k1')?.symmetricKeySize).toBe(32);
  });

  it('refuses an empty setting', () => {
    expect(() => parseContactKeyRing(' , ')).toThrow(/at least one key/);
  });

  it('refuses a key of 31 or 33 bytes and never quotes it', () => {
    for (const bytes of [31, 33]) {
      const key = freshKey(bytes);
      let error: unknown;
      try {
        parseContactKeyRing(`k1:${key}`);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ContactKeyConfigError);
      expect((error as Error).message).toMatch(/entry 1 \(k1\) needs a key of 32 bytes/);
      expect((error as Error).message).not.toContain(key);
    }
  });

  it('refuses a missing or odd id and a repeated one, naming the entry', () => {
    expect(() => parseContactKeyRing(freshKey())).toThrow(/entry 1 needs an id/);
    expect(() => parseContactKeyRing(`k.1:${freshKey()}`)).toThrow(/entry 1 needs an id/);
    expect(() => parseContactKeyRing(`k1:${freshKey()},k1:${freshKey()}`)).toThrow(
      /entry 2 repeats the id k1/,
    );
  });

  it('shows no key material when the ring is logged', () => {
    const key = randomBytes(32);
    const ring = parseContactKeyRing(`k1:${key.toString('base64')}`);
    const printed = inspect(ring, { depth: 10 }) + JSON.stringify(ring);
    expect(printed).not.toContain(key.toString('base64'));
    expect(printed).not.toContain(key.toString('hex'));
  });
});
