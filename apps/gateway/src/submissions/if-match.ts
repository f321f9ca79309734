import { ValidationFailedError } from '@app/contracts';

const STRONG_VERSION = /^"([1-9][0-9]{0,14})"$/;

/**
 * The version an `If-Match` header names (RFC 9110 section 13.1.1), as the ETag of a submission gives
 * it: `"7"`. No header or `*` sets no condition; anything else is a 400 naming the header, never a
 * silently unconditional change.
 */
export function expectedVersionOf(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = typeof header === 'string' ? header.trim() : undefined;
  if (value === '*') return undefined;
  const match = value === undefined ? null : STRONG_VERSION.exec(value);
  if (!match) {
    throw new ValidationFailedError([
      { field: 'If-Match', message: 'must be the ETag of the submission, e.g. "3", or *' },
    ]);
  }
  return Number(match[1]);
}

/** The ETag of a submission at `version`. */
export function versionTag(version: number): string {
  return `"${version}"`;
}
