import { createSecretKey, KeyObject } from 'node:crypto';

export const CONTACT_KEY_BYTES = 32;
export const CONTACT_KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
/**
 * 32 random bytes take about 30 distinct values (fewer than 20 happens far less than once in 10^12
 * keys); a typed or patterned key (all zeros, a repeated word) takes far fewer.
 */
export const CONTACT_KEY_MIN_DISTINCT_BYTES = 20;

/** The keys that protect contact data: one to encrypt with, and every key still able to read. */
export interface ContactKeyRing {
  readonly currentKeyId: string;
  /** KeyObjects, not Buffers: inspecting or logging one never prints the key. */
  readonly keys: ReadonlyMap<string, KeyObject>;
}

/** A configuration problem, described by the entry's position and id, never by its key. */
export class ContactKeyConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`contact encryption keys: ${problems.join('; ')}`);
    this.name = 'ContactKeyConfigError';
  }
}

/**
 * Reads `id:key,id:key,...`, where each key is 32 random bytes in base64 or base64url
 * (`openssl rand -base64 32`). The first entry is the current key; the others only read values written
 * before a rotation and can be dropped once the rotation command has run.
 */
export function parseContactKeyRing(text: string): ContactKeyRing {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const problems: string[] = [];
  if (entries.length === 0) problems.push('at least one key is needed');
  const keys = new Map<string, KeyObject>();
  entries.forEach((entry, index) => {
    const where = `entry ${index + 1}`;
    const separator = entry.indexOf(':');
    const id = separator < 0 ? '' : entry.slice(0, separator);
    if (!CONTACT_KEY_ID_PATTERN.test(id)) {
      problems.push(`${where} needs an id of 1 to 32 letters, digits, '-' or '_' before ':'`);
      return;
    }
    if (keys.has(id)) {
      problems.push(`${where} repeats the id ${id}`);
      return;
    }
    const material = decodeKey(entry.slice(separator + 1));
    if (material === undefined) {
      problems.push(`${where} (${id}) needs a key of ${CONTACT_KEY_BYTES} bytes in base64`);
      return;
    }
    if (new Set(material).size < CONTACT_KEY_MIN_DISTINCT_BYTES) {
      material.fill(0);
      problems.push(`${where} (${id}) does not look random; generate one with \`openssl rand -base64 32\``);
      return;
    }
    keys.set(id, createSecretKey(material));
    material.fill(0);
  });
  if (problems.length > 0) throw new ContactKeyConfigError(problems);
  return { currentKeyId: entries[0].slice(0, entries[0].indexOf(':')), keys };
}

function decodeKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return undefined;
  const bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === CONTACT_KEY_BYTES ? bytes : undefined;
}
