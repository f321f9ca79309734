import { createHash } from 'node:crypto';

/**
 * What makes two posts the same submission: the fields as the service will store them and the sha256 of
 * each file's bytes, in order. Keys are sorted, so the order the form sent its fields in does not count;
 * a length-prefixed JSON encoding keeps `{a:"b,c"}` and `{a:"b", c:""}` apart.
 */
export function submissionFingerprint(
  fields: Record<string, unknown>,
  fileSha256s: readonly string[],
): string {
  const hash = createHash('sha256');
  const canonical = JSON.stringify({
    fields: Object.keys(fields)
      .filter((key) => fields[key] !== undefined)
      .sort()
      .map((key) => [key, fields[key]]),
    files: fileSha256s,
  });
  hash.update(`${Buffer.byteLength(canonical)}:${canonical}`);
  return hash.digest('hex');
}
