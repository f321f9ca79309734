import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { ContactKeyRing } from './contact-key-ring';

/**
 * Stored form: `c1.<keyId>.<iv>.<ciphertext>.<tag>`, the last three in base64url. AES-256-GCM with a
 * fresh 96-bit IV per value (NIST SP 800-38D's random-IV bound of 2^32 values per key is far beyond a
 * newsroom's submissions). The version, the key id and the caller's context (e.g. `submission:<id>:email`)
 * are authenticated as associated data, so a value moved to another row or field, or relabelled with
 * another key id, fails to decrypt instead of showing someone else's contact data.
 */
const VERSION = 'c1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const STORED_FORM = /^c1\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]{22})$/;

export type ContactDecryptionFailure = 'malformed' | 'unknown_key' | 'not_authentic';

/** Why a stored value could not be read; says which key id at most, never any key or plaintext. */
export class ContactDecryptionError extends Error {
  constructor(
    readonly reason: ContactDecryptionFailure,
    readonly keyId?: string,
  ) {
    super(
      reason === 'malformed'
        ? 'the stored contact value is not in the c1 format'
        : reason === 'unknown_key'
          ? `the stored contact value needs key ${keyId}, which is not configured`
          : `the stored contact value failed authentication under key ${keyId} (altered, moved or wrong key)`,
    );
    this.name = 'ContactDecryptionError';
  }
}

export class ContactCipher {
  constructor(private readonly ring: ContactKeyRing) {}

  get currentKeyId(): string {
    return this.ring.currentKeyId;
  }

  encrypt(plaintext: string, context: string): string {
    const keyId = this.ring.currentKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(keyId), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(keyId, context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, keyId, b64(iv), b64(ciphertext), b64(cipher.getAuthTag())].join('.');
  }

  decrypt(stored: string, context: string): string {
    const parts = STORED_FORM.exec(stored);
    if (!parts) throw new ContactDecryptionError('malformed');
    const [, keyId, iv, ciphertext, tag] = parts;
    const key = this.ring.keys.get(keyId);
    if (!key) throw new ContactDecryptionError('unknown_key', keyId);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(associatedData(keyId, context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    try {
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new ContactDecryptionError('not_authentic', keyId);
    }
  }

  /** The key id a stored value names, or undefined when it is not in the stored form. */
  keyIdOf(stored: string): string | undefined {
    return STORED_FORM.exec(stored)?.[1];
  }

  isUnderCurrentKey(stored: string): boolean {
    return this.keyIdOf(stored) === this.ring.currentKeyId;
  }

  private key(keyId: string) {
    const key = this.ring.keys.get(keyId);
    if (!key) throw new ContactDecryptionError('unknown_key', keyId);
    return key;
  }
}

function associatedData(keyId: string, context: string): Buffer {
  return Buffer.from(`${VERSION}\u0000${keyId}\u0000${context}`, 'utf8');
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64url');
}
