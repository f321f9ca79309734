import { randomBytes } from 'node:crypto';
import { ContactCipher } from './contact-cipher';
import { parseContactKeyRing } from './contact-key-ring';
import { rotateContactValues, StoredContactValue } from './contact-key-rotation';

const keyText = (): string => randomBytes(32).toString('base64');

async function* pages(values: StoredContactValue[], size: number): AsyncIterable<StoredContactValue[]> {
  for (let start = 0; start < values.length; start += size) yield values.slice(start, start + size);
}

describe('contact key rotation', () => {
  const oldKey = `old:${keyText()}`;
  const newKey = `new:${keyText()}`;
  const before = new ContactCipher(parseContactKeyRing(oldKey));
  const after = new ContactCipher(parseContactKeyRing(`${newKey},${oldKey}`));

  const table = (): StoredContactValue[] =>
    Array.from({ length: 5 }, (_, index) => ({
      id: String(index),
      context: `submission:${index}:email`,
      value: before.encrypt(`source${index}@example.org`, `submission:${index}:email`),
    }));

  it('re-encrypts every old value under the current key, readable with the new key alone', async () => {
    const rows = new Map(table().map((row) => [row.id, row]));
    const report = await rotateContactValues(after, pages([...rows.values()], 2), async (changed) => {
      for (const row of changed) rows.set(row.id, row);
    });
    expect(report).toEqual({ examined: 5, reencrypted: 5, unreadable: [] });
    const newOnly = new ContactCipher(parseContactKeyRing(newKey));
    for (const row of rows.values()) {
      expect(newOnly.keyIdOf(row.value)).toBe('new');
      expect(newOnly.decrypt(row.value, row.context)).toBe(`source${row.id}@example.org`);
    }
  });

  it('leaves values already under the current key alone, so running it again changes nothing', async () => {
    const rows = table().map((row) => ({ ...row, value: after.encrypt('x', row.context) }));
    const saved: StoredContactValue[] = [];
    const report = await rotateContactValues(after, pages(rows, 2), async (changed) => {
      saved.push(...changed);
    });
    expect(report).toEqual({ examined: 5, reencrypted: 0, unreadable: [] });
    expect(saved).toEqual([]);
  });

  it('reports values no key can read and goes on with the rest', async () => {
    const stranger = new ContactCipher(parseContactKeyRing(`gone:${keyText()}`));
    const rows = table();
    rows[1] = { ...rows[1], value: stranger.encrypt('lost', rows[1].context) };
    rows[3] = { ...rows[3], context: 'submission:999:email' };
    const report = await rotateContactValues(after, pages(rows, 10), async () => undefined);
    expect(report).toEqual({ examined: 5, reencrypted: 3, unreadable: ['1', '3'] });
  });
});
