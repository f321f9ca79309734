import { ContactCipher, ContactDecryptionError } from './contact-cipher';

/** One stored contact value, with the context it was encrypted under. */
export interface StoredContactValue {
  readonly id: string;
  readonly context: string;
  readonly value: string;
}

export interface RotationReport {
  examined: number;
  reencrypted: number;
  /** Ids of values no configured key could read; the command should fail while there are any. */
  unreadable: string[];
}

/**
 * Re-encrypts under the current key every value written under an older one. The caller pages through
 * its table (`batches`) and writes each batch's changed values back (`save`), ideally in one
 * transaction per batch; values already under the current key are left as they are, so a rotation that
 * stopped half-way can simply be run again.
 */
export async function rotateContactValues(
  cipher: ContactCipher,
  batches: AsyncIterable<readonly StoredContactValue[]>,
  save: (changed: readonly StoredContactValue[]) => Promise<void>,
): Promise<RotationReport> {
  const report: RotationReport = { examined: 0, reencrypted: 0, unreadable: [] };
  for await (const batch of batches) {
    const changed: StoredContactValue[] = [];
    for (const stored of batch) {
      report.examined += 1;
      if (cipher.isUnderCurrentKey(stored.value)) continue;
      try {
        const plaintext = cipher.decrypt(stored.value, stored.context);
        changed.push({ ...stored, value: cipher.encrypt(plaintext, stored.context) });
      } catch (error) {
        if (!(error instanceof ContactDecryptionError)) throw error;
        report.unreadable.push(stored.id);
      }
    }
    if (changed.length > 0) await save(changed);
    report.reencrypted += changed.length;
  }
  return report;
}
