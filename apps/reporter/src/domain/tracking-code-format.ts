/**
 * How a tracking code looks: Crockford's base32 (digits and capitals without I, L, O and U, so nothing
 * is mistaken for 1, 0 or V when read aloud or copied from paper), 16 symbols of 5 bits each (80 bits),
 * printed in groups of four joined by dashes: `7K3M-Q9XD-2FHT-R8WB`.
 */
export const TRACKING_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACKING_CODE_SYMBOLS = 16;
export const TRACKING_CODE_BITS = TRACKING_CODE_SYMBOLS * 5;
export const TRACKING_CODE_GROUP = 4;

/** What a reader may type for a symbol that is not in the alphabet, as Crockford's decoding allows. */
const LOOK_ALIKES: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };

// Spaces, dashes and the like that people put between groups; anything else is a wrong symbol.
const SEPARATORS = /[\s\-_.·‐-―−]/g;

/** Symbols from 16 five-bit values (each 0–31), grouped for display. */
export function formatTrackingCode(symbolValues: ArrayLike<number>): string {
  if (symbolValues.length !== TRACKING_CODE_SYMBOLS) {
    throw new RangeError(`a tracking code has ${TRACKING_CODE_SYMBOLS} symbols`);
  }
  let code = '';
  for (let i = 0; i < symbolValues.length; i += 1) {
    const value = symbolValues[i];
    if (!Number.isInteger(value) || value < 0 || value > 31) {
      throw new RangeError('a tracking code symbol is a value from 0 to 31');
    }
    if (i > 0 && i % TRACKING_CODE_GROUP === 0) code += '-';
    code += TRACKING_CODE_ALPHABET[value];
  }
  return code;
}

/**
 * The canonical form of what a reader typed (16 symbols, no separators, capitals), or undefined when it
 * cannot be a tracking code. Case, separators and the look-alikes O, I and L do not matter.
 */
export function normaliseTrackingCode(input: string): string | undefined {
  // A bound before any work: a pasted page of text is not a code.
  if (typeof input !== 'string' || input.length > TRACKING_CODE_SYMBOLS * 3) return undefined;
  let canonical = '';
  for (const raw of input.replace(SEPARATORS, '').toUpperCase()) {
    const symbol = LOOK_ALIKES[raw] ?? raw;
    if (!TRACKING_CODE_ALPHABET.includes(symbol)) return undefined;
    canonical += symbol;
  }
  return canonical.length === TRACKING_CODE_SYMBOLS ? canonical : undefined;
}

/** The canonical form grouped for display again. */
export function displayTrackingCode(canonical: string): string {
  return canonical.match(new RegExp(`.{1,${TRACKING_CODE_GROUP}}`, 'g'))?.join('-') ?? '';
}
