/**
 * What makes a configured secret unfit, as one clear rule (README: Configuration, "Secrets"). Random
 * output of `openssl rand -base64 32` or `-hex 32` passes; what a person types or leaves from a template
 * does not. Reasons never quote the value: they end up in logs.
 */
export const SECRET_MIN_LENGTH = 32;
export const SECRET_MIN_DISTINCT_CHARACTERS = 10;
/** Eight random base64 or hex characters repeat or count by one about once in a million secrets. */
export const SECRET_MAX_SEQUENCE = 7;
/** What every placeholder in deploy/ carries, so a template copied unedited is refused. */
export const PLACEHOLDER_MARKER = 'change-me';

// A word of its own, so that a password such as `Exchange-Meetings-…` is not taken for one.
const PLACEHOLDER_PATTERN = /(?:^|[^a-z])change[\s._-]*me(?![a-z])/i;

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER_PATTERN.test(value);
}

/** The longest stretch of characters that repeat (`aaaa`) or count up or down by one (`1234`, `dcba`). */
export function longestSequence(value: string): number {
  let longest = Math.min(value.length, 1);
  let length = 1;
  let step: number | undefined;
  for (let index = 1; index < value.length; index++) {
    const next = value.charCodeAt(index) - value.charCodeAt(index - 1);
    if (Math.abs(next) > 1) {
      length = 1;
      step = undefined;
    } else if (next === step) {
      length += 1;
    } else {
      length = 2;
      step = next;
    }
    longest = Math.max(longest, length);
  }
  return longest;
}

/** Whether the value is a shorter piece written again and again (`abc123abc123abc1`). */
export function repeatsAPiece(value: string): boolean {
  for (let period = 1; period <= value.length / 2; period++) {
    let repeats = true;
    for (let index = period; index < value.length && repeats; index++) {
      repeats = value[index] === value[index - period];
    }
    if (repeats) return true;
  }
  return false;
}

/** Why the value cannot serve as a secret, or undefined when it can. */
export function secretWeakness(value: string): string | undefined {
  if (value.length < SECRET_MIN_LENGTH) return `must be at least ${SECRET_MIN_LENGTH} characters long`;
  if (isPlaceholder(value)) return `is still a placeholder (it contains "${PLACEHOLDER_MARKER}")`;
  if (new Set(value).size < SECRET_MIN_DISTINCT_CHARACTERS)
    return `uses fewer than ${SECRET_MIN_DISTINCT_CHARACTERS} distinct characters`;
  if (longestSequence(value) > SECRET_MAX_SEQUENCE)
    return `has more than ${SECRET_MAX_SEQUENCE} characters in a row that repeat or count by one`;
  if (repeatsAPiece(value)) return 'repeats a shorter piece';
  return undefined;
}
