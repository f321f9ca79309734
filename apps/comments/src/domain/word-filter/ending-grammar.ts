import {
  ENGLISH_INFLECTIONS,
  ENGLISH_STEM_ENDINGS,
  ENGLISH_SUFFIXES,
  MAX_STEM_ENDING_LETTERS,
  MAX_SUFFIXES,
  RUSSIAN_INFLECTIONS,
  RUSSIAN_REFLEXIVE,
  RUSSIAN_SUFFIXES,
  RUSSIAN_VERB_ENDINGS,
} from './endings';
import { EntryForm, EntryScript } from './list-entry';
import { SymbolAlphabet } from './symbol-alphabet';
import { SymbolTrie } from './symbol-trie';

/**
 * What may follow a matched entry up to the end of its piece: up to `maxSuffixes` suffixes, then at
 * most one ending, then (Russian verbs) a reflexive particle; at most `maxLetters` letters in all.
 */
export class EndingGrammar {
  constructor(
    private readonly suffixes: SymbolTrie,
    private readonly maxSuffixes: number,
    private readonly endings: SymbolTrie,
    private readonly reflexive: SymbolTrie,
    readonly maxLetters: number,
    /** English doubles a stem's last consonant before a suffix: scam → scammer. */
    private readonly doublesLastLetter: boolean,
  ) {}

  /** Whether `rest` (the letters after the entry, elongations already collapsed) is a valid ending. */
  accepts(rest: readonly (readonly number[])[], lastSymbol: number): boolean {
    if (rest.length === 0) return true;
    if (rest.length > this.maxLetters) return false;
    if (this.from(rest, 0, 0)) return true;
    return this.doublesLastLetter && rest.length > 1 && rest[0].includes(lastSymbol) && this.from(rest, 1, 0);
  }

  private from(rest: readonly (readonly number[])[], index: number, suffixCount: number): boolean {
    const end = rest.length;
    if (index === end) return true;
    if (
      suffixCount < this.maxSuffixes &&
      this.suffixes.someEnd(rest, index, end, (next) => this.from(rest, next, suffixCount + 1))
    ) {
      return true;
    }
    const reflexiveToEnd = (next: number): boolean =>
      next === end || this.reflexive.someEnd(rest, next, end, (last) => last === end);
    return this.endings.someEnd(rest, index, end, reflexiveToEnd);
  }
}

/** The ending grammars of one compiled filter, one per kind of entry. */
export class EndingGrammars {
  private readonly byKind = new Map<string, EndingGrammar>();

  constructor(private readonly alphabet: SymbolAlphabet) {}

  /** The grammar for an entry's form and script; null for an exact entry (nothing may follow). */
  forEntry(form: EntryForm, script: EntryScript): EndingGrammar | null {
    if (form === 'exact') return null;
    const key = `${form}:${script}`;
    let grammar = this.byKind.get(key);
    if (grammar === undefined) {
      grammar = this.build(form, script);
      this.byKind.set(key, grammar);
    }
    return grammar;
  }

  private build(form: 'word' | 'stem', script: EntryScript): EndingGrammar {
    const none = this.trie([]);
    const russian = script === 'cyrillic';
    if (form === 'word') {
      const inflections = russian ? RUSSIAN_INFLECTIONS : ENGLISH_INFLECTIONS;
      const longest = Math.max(...inflections.map((ending) => ending.length));
      return new EndingGrammar(none, 0, this.trie(inflections), none, longest, false);
    }
    return russian
      ? new EndingGrammar(
          this.trie(RUSSIAN_SUFFIXES),
          MAX_SUFFIXES,
          this.trie([...RUSSIAN_INFLECTIONS, ...RUSSIAN_VERB_ENDINGS]),
          this.trie(RUSSIAN_REFLEXIVE),
          MAX_STEM_ENDING_LETTERS,
          false,
        )
      : new EndingGrammar(
          this.trie(ENGLISH_SUFFIXES),
          MAX_SUFFIXES,
          this.trie(ENGLISH_STEM_ENDINGS),
          none,
          MAX_STEM_ENDING_LETTERS,
          true,
        );
  }

  private trie(words: readonly string[]): SymbolTrie {
    const trie = new SymbolTrie();
    for (const word of words) trie.add(this.alphabet.spell(word), true);
    return trie;
  }
}
