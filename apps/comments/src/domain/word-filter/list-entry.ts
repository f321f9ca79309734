/**
 * How an entry of the banned or suspect list is written:
 * - `слово` (a plain word): the word and its inflected forms. A Russian word loses its own ending
 *   first ("дура" → дур-), then takes any noun or adjective ending (дуры, дурой, дур); an English word
 *   takes -s/-es. Derived words do not match: "идиот" does not catch "идиотизм".
 * - `спам*` (a stem, at least three letters): the stem followed by up to three derivational suffixes
 *   and an ending, as a Russian or English word is built (спамер, спамить, спамерскими; scammer,
 *   scams). Short stems catch too much ("гад*" would catch "гадать"): write those as plain words.
 * - `=хам` (exact): only this word, no other form.
 * Matching ignores case, accents and ё/е. One word per entry: characters other than letters are
 * ignored.
 */
export type EntryForm = 'word' | 'stem' | 'exact';
export type EntryScript = 'cyrillic' | 'latin';

export interface ListEntry {
  /** Lower-case letters without marks. */
  readonly letters: string;
  readonly form: EntryForm;
  readonly script: EntryScript;
}

const MIN_STEM_LETTERS = 3;
const CYRILLIC = /\p{Script=Cyrillic}/u;

export type ListEntryProblem = 'no-letters' | 'several-words';

/**
 * Why an entry cannot be used as written, for settings validation to refuse it: it holds no letter, or
 * it holds several words (the filter matches one word per entry; "казино вулкан" would never match).
 */
export function listEntryProblem(raw: string): ListEntryProblem | null {
  const text = raw.trim().replace(/^=/, '').replace(/\*$/, '').trim();
  if (lettersOf(text).length === 0) return 'no-letters';
  return /[\s\p{Z}]/u.test(text) ? 'several-words' : null;
}

/** Reads one list entry; null when it holds no letter. */
export function parseListEntry(raw: string): ListEntry | null {
  let text = raw.trim();
  const exact = text.startsWith('=');
  const stem = !exact && text.endsWith('*');
  if (exact) text = text.slice(1);
  const letters = lettersOf(text);
  if (letters.length === 0) return null;
  const form: EntryForm = exact ? 'exact' : stem && letters.length >= MIN_STEM_LETTERS ? 'stem' : 'word';
  return { letters, form, script: CYRILLIC.test(letters) ? 'cyrillic' : 'latin' };
}

/** Lower-case letters of a text, marks removed (ё → е, й → и), everything else dropped. */
export function lettersOf(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '');
}
