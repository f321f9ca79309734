/**
 * The skeleton of a letter: Cyrillic and Greek letters that look like a Latin letter are folded onto
 * that Latin letter, so "cпaм" typed with Latin c and a reads the same as "спам". Each Latin letter
 * receives at most one Cyrillic letter, so two different words of the same script never share a
 * skeleton; only a word of one script and a look-alike word of the other do (the price of seeing
 * through mixed scripts, as with Unicode's confusable skeletons).
 */
const LOOK_ALIKE_LETTERS: Readonly<Record<string, string>> = {
  а: 'a',
  в: 'b',
  г: 'r',
  е: 'e',
  и: 'u',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  п: 'n',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  є: 'e',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  α: 'a',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
};

/**
 * Characters a writer uses in place of letters. A digit or "$" may stand for a letter anywhere in a
 * word that has real letters ("m0r0n", "$cam"); "@", "!" and "|" only between letters, because at a
 * word's edge they are a mention or punctuation ("@editor", "scam!"). Some stand for two letters
 * ("3" is з in "3ло" and e in "l33t"); the matcher tries each reading. Lower-case l is not read as i:
 * "fall" must not become "fail".
 */
const READINGS_ANYWHERE: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'il',
  '3': 'зe',
  '4': 'aч',
  '5': 's',
  '6': 'бb',
  '7': 't',
  '8': 'b',
  $: 's',
};
const READINGS_BETWEEN_LETTERS: Readonly<Record<string, string>> = { '@': 'a', '!': 'il', '|': 'il' };
/** Letters that double for another one: capital I looks like l, Latin b like ь. */
const EXTRA_READINGS: Readonly<Record<string, string>> = { I: 'il', b: 'bь' };

export enum CharKind {
  /** Whitespace: ends a word. */
  Space,
  /** A letter of any script. */
  Letter,
  /** A digit or symbol read as a letter anywhere in a word with real letters. */
  LetterLikeAnywhere,
  /** A symbol read as a letter only between letters. */
  LetterLikeBetween,
  /** Combining marks, zero-width and bidi controls, soft hyphens: removed, they separate nothing. */
  Invisible,
  /** Punctuation, other symbols, emoji, other digits: separate pieces of a word. */
  Separator,
}

export interface CharReading {
  readonly kind: CharKind;
  /** The skeleton letters this character may stand for (empty for spaces and separators). */
  readonly skeletons: string;
}

const SPACE = /^[\s\p{Z}]$/u;
const INVISIBLE = /^[\p{M}\p{Cf}]$/u;
const LETTER = /^\p{L}$/u;

/** The skeleton of one lower-case letter (a letter with no look-alike is its own skeleton). */
export function skeletonOfLetter(letter: string): string {
  return LOOK_ALIKE_LETTERS[letter] ?? letter;
}

/** How a character of NFKD-normalised text reads. Pure; callers cache it per code point. */
export function readChar(char: string): CharReading {
  if (SPACE.test(char)) return { kind: CharKind.Space, skeletons: '' };
  if (INVISIBLE.test(char)) return { kind: CharKind.Invisible, skeletons: '' };
  const anywhere = READINGS_ANYWHERE[char];
  if (anywhere !== undefined) return { kind: CharKind.LetterLikeAnywhere, skeletons: anywhere };
  const between = READINGS_BETWEEN_LETTERS[char];
  if (between !== undefined) return { kind: CharKind.LetterLikeBetween, skeletons: between };
  if (!LETTER.test(char)) return { kind: CharKind.Separator, skeletons: '' };
  const extra = EXTRA_READINGS[char];
  if (extra !== undefined) return { kind: CharKind.Letter, skeletons: extra };
  // A lower-case form may be longer than one letter (İ → i̇); its marks are dropped like any others.
  const lower = char.toLowerCase().replace(/\p{M}/gu, '');
  return { kind: CharKind.Letter, skeletons: lower.length === 0 ? '' : skeletonOfLetter(lower) };
}
