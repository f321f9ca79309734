import { randomBytes } from 'node:crypto';
import { ContactCipher, ContactDecryptionError } from './contact-cipher';
import { parseContactKeyRing } from './contact-key-ring';

const keyText = (): string => randomBytes(32).toString('base64');
const cipherWith = (...entries: string[]): ContactCipher =>
  new ContactCipher(parseContactKeyRing(entries.join(',')));
const CONTEXT = 'submission:42:email';

function failure(run: () => unknown): ContactDecryptionError {
  try {
    run();
  } catch (error) {
    if (error instanceof ContactDecryptionError) return error;
    throw error;
  }
  throw new Error('expected a ContactDecryptionError');
}

describe('contact cipher', () => {
  const k1 = `k1:${keyText()}`;

  it('reads back what it wrote, Cyrillic and empty values too', () => {
    const cipher = cipherWith(k1);
    for (const plaintext of ['source@example.org', 'Иван Петров, ул. Ленина 5', '', '+7 900 000-00-00']) {
      expect(cipher.decrypt(cipher.encrypt(plaintext, CONTEXT), CONTEXT)).toBe(plaintext);
    }
  });

  it('stores a compact versioned string naming the key and hiding the value', () => {
    const stored = cipherWith(k1).encrypt('source@example.org', CONTEXT);
    expect(stored).toMatch(/^c1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(stored).not.toContain('source');
    expect(Buffer.from(stored.split('.')[3], 'base64url').toString('latin1')).not.toContain('source');
  });

  it('writes a different value each time for the same input', () => {
    const cipher = cipherWith(k1);
    expect(cipher.encrypt('same', CONTEXT)).not.toBe(cipher.encrypt('same', CONTEXT));
  });

  it('detects a changed ciphertext, IV or tag', () => {
    const cipher = cipherWith(k1);
    const stored = cipher.encrypt('source@example.org', CONTEXT);
    for (const part of [2, 3, 4]) {
      const pieces = stored.split('.');
      const bytes = Buffer.from(pieces[part], 'base64url');
      bytes[0] ^= 0x01;
      pieces[part] = bytes.toString('base64url');
      expect(failure(() => cipher.decrypt(pieces.join('.'), CONTEXT)).reason).toBe('not_authentic');
    }
  });

  it('refuses a value moved to another submission or field', () => {
    const cipher = cipherWith(k1);
    const stored = cipher.encrypt('source@example.org', CONTEXT);
    expect(failure(() => cipher.decrypt(stored, 'submission:43:email')).reason).toBe('not_authentic');
    expect(failure(() => cipher.decrypt(stored, 'submission:42:phone')).reason).toBe('not_authentic');
  });

  it('refuses a value under the wrong key with the same id, without saying any key', () => {
    const stored = cipherWith(k1).encrypt('source@example.org', CONTEXT);
    const other = keyText();
    const error = failure(() => cipherWith(`k1:${other}`).decrypt(stored, CONTEXT));
    expect(error.reason).toBe('not_authentic');
    expect(error.message).not.toContain(other);
    expect(error.message).not.toContain(k1.slice(3));
    expect(error.message).not.toContain('source');
  });

  it('refuses a value whose key is not configured, naming only its id', () => {
    const stored = cipherWith(k1).encrypt('x', CONTEXT);
    const error = failure(() => cipherWith(`k2:${keyText()}`).decrypt(stored, CONTEXT));
    expect(error.reason).toBe('unknown_key');
    expect(error.message).toContain('k1');
  });

  it('refuses a value relabelled with another configured key id', () => {
    const k2 = `k2:${keyText()}`;
    const stored = cipherWith(k1, k2).encrypt('x', CONTEXT);
    const relabelled = stored.replace(/^c1\.k1\./, 'c1.k2.');
    expect(failure(() => cipherWith(k1, k2).decrypt(relabelled, CONTEXT)).reason).toBe('not_authentic');
  });

  it('refuses anything not in the stored form', () => {
    const cipher = cipherWith(k1);
    for (const stored of ['', 'plain text', 'c2.k1.a.b.c', cipher.encrypt('x', CONTEXT) + '.extra']) {
      expect(failure(() => cipher.decrypt(stored, CONTEXT)).reason).toBe('malformed');
    }
  });

  it('still reads values of an old key after a new one becomes current', () => {
    const old = `old:${keyText()}`;
    const stored = cipherWith(old).encrypt('source@example.org', CONTEXT);
    const rotated = cipherWith(`new:${keyText()}`, old);
    expect(rotated.decrypt(stored, CONTEXT)).toBe('source@example.org');
    expect(rotated.isUnderCurrentKey(stored)).toBe(false);
    expect(rotated.keyIdOf(rotated.encrypt('x', CONTEXT))).toBe('new');
  });
});
