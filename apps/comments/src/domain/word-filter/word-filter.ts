import { EndingGrammar, EndingGrammars } from './ending-grammar';
import { RUSSIAN_INFLECTIONS } from './endings';
import { ListEntry, parseListEntry } from './list-entry';
import { readChar } from './look-alikes';
import { SymbolAlphabet } from './symbol-alphabet';
import { SymbolTrie } from './symbol-trie';
import { CharSymbols, TextCells, toTextCells } from './text-cells';

export interface WordLists {
  readonly banned: readonly string[];
  readonly suspect: readonly string[];
}

/** Whether a text holds a banned or a suspect word. Never which one: that is not for the writer. */
export interface WordCheck {
  readonly banned: boolean;
  readonly suspect: boolean;
}

export interface WordFilter {
  check(text: string): WordCheck;
}

const enum ListKind {
  Banned,
  Suspect,
}

interface EntryEnd {
  readonly list: ListKind;
  /** What may follow; null for an exact entry. */
  readonly grammar: EndingGrammar | null;
  readonly lastSymbol: number;
}

/** A run of three or more of one letter is an elongation ("спааам"); a doubled letter is spelling. */
const MIN_ELONGATION = 3;
/** The last mark an Int32Array holds; a long-running process gets there after some 2^31 letters. */
const MAX_STEP = 0x7fffffff;
/** Code points below this (Latin, Greek, Cyrillic) are remembered in an array. */
const COMMON_CHARS = 0x530;
/** Other distinct characters remembered per filter; past this the memory is cleared rather than grown. */
const MAX_REMEMBERED_CHARS = 4096;

/**
 * Compiles the lists once (per settings change); `check` then runs in time linear in the text.
 *
 * How the filter sees through disguise, and how it avoids the Scunthorpe problem (innocent words that
 * contain a banned one):
 * 1. The text is NFKD-normalised (full-width and mathematical letters become plain ones, accents and ё
 *    lose their marks), invisible characters are dropped, and every letter is read as its skeleton
 *    (look-alikes.ts), digits and symbols as the letters they may stand for.
 * 2. A match starts only where a word starts: at the beginning of a word, after punctuation inside a
 *    word ("анти-спам"), or at any letter of a word written letter by letter. Never inside a word, so
 *    "escape", "oxymoron", "блоха" and "плохо" pass.
 * 3. After the entry, the rest of the piece must be an ending the entry allows (endings.ts): nothing for
 *    `=exact`, an inflection for a plain word, suffixes and an ending for a `stem*`. A stem followed by
 *    more word is another word: "Scampi", "лохматый", "дуршлаг" pass.
 * 4. Separators are seen through only where a word is spelled out letter by letter: pieces of one
 *    letter ("с.п.а.м", "с п а м") join into one word. Two words of several letters are never glued,
 *    so "с памятью" and "иди от меня" do not become a banned word. Across punctuation inside a word a
 *    match may go on ("sc.am"), but the letters after it are still checked up to the end of the piece
 *    where it ends, so "СПА-массаж" passes.
 * 5. Only runs of three or more of one letter collapse ("сссспам", "spaaam"): a doubled letter is real
 *    spelling, so "Скотт" is not "скот".
 */
export function compileWordFilter(lists: WordLists): WordFilter {
  const alphabet = new SymbolAlphabet();
  const grammars = new EndingGrammars(alphabet);
  const entries = new SymbolTrie<EntryEnd>();
  const listed = [false, false];
  const addList = (words: readonly string[], list: ListKind): void => {
    for (const raw of words) {
      const entry = parseListEntry(raw);
      if (entry === null) continue;
      const spelled = alphabet.spell(stemOf(entry));
      const grammar = grammars.forEntry(entry.form, entry.script);
      entries.add(spelled, { list, grammar, lastSymbol: spelled[spelled.length - 1] });
      listed[list] = true;
    }
  };
  addList(lists.banned, ListKind.Banned);
  addList(lists.suspect, ListKind.Suspect);
  return new CompiledWordFilter(alphabet, entries, listed[ListKind.Banned], listed[ListKind.Suspect]);
}

/**
 * A plain Russian word is matched by its stem: its own ending comes off ("дура" → "дур") when at least
 * three letters remain, so that "дуры" and "дурой" match it too.
 */
function stemOf(entry: ListEntry): string {
  if (entry.form !== 'word' || entry.script !== 'cyrillic') return entry.letters;
  let stem = entry.letters;
  for (const ending of RUSSIAN_INFLECTIONS) {
    const rest = entry.letters.length - ending.length;
    if (rest >= 3 && rest < stem.length && entry.letters.endsWith(ending))
      stem = entry.letters.slice(0, rest);
  }
  return stem;
}

class CompiledWordFilter implements WordFilter {
  /** How each character reads, for Latin, Greek and Cyrillic in an array, for the rest in a map. */
  private readonly commonChars: (CharSymbols | undefined)[] = new Array<CharSymbols | undefined>(
    COMMON_CHARS,
  );
  private readonly otherChars = new Map<number, CharSymbols>();
  private readonly active: Int32Array;
  private readonly next: Int32Array;
  private readonly seenAt: Int32Array;
  private step = 0;

  constructor(
    private readonly alphabet: SymbolAlphabet,
    private readonly entries: SymbolTrie<EntryEnd>,
    private readonly hasBanned: boolean,
    private readonly hasSuspect: boolean,
  ) {
    this.active = new Int32Array(entries.size);
    this.next = new Int32Array(entries.size);
    this.seenAt = new Int32Array(entries.size);
  }

  check(text: string): WordCheck {
    const found = { banned: false, suspect: false };
    if ((!this.hasBanned && !this.hasSuspect) || text.length === 0) return found;
    const cells = toTextCells(text.normalize('NFKD'), (codePoint) => this.read(codePoint));
    this.run(cells, found);
    return found;
  }

  /**
   * Walks the entry trie over the cells as a set of live nodes (one pass, no backtracking): every word
   * start adds the root's children; a live node moves on along a cell's symbols or, inside an
   * elongation, stays on its own letter. A node that ends an entry is checked against what follows in
   * the piece, once the elongation it sits in (if any) is over.
   */
  private run(cells: TextCells, found: { banned: boolean; suspect: boolean }): void {
    const { children, symbolOf, values } = this.entries;
    const seenAt = this.seenAt;
    let active = this.active;
    let next = this.next;
    let activeCount = 0;
    for (let index = 0; index < cells.count; index += 1) {
      const symbols = cells.symbols[index];
      const step = this.nextStep();
      let nextCount = 0;
      if (activeCount > 0 && cells.continuesMatch[index] === 1) {
        const elongated = cells.runLength[index] >= MIN_ELONGATION && cells.runEnd[index - 1] > index;
        for (let position = 0; position < activeCount; position += 1) {
          const node = active[position];
          const nodeChildren = children[node];
          for (let choice = 0; choice < symbols.length; choice += 1) {
            const child = nodeChildren.get(symbols[choice]);
            if (child !== undefined && seenAt[child] !== step) {
              seenAt[child] = step;
              next[nextCount++] = child;
            }
          }
          if (elongated && seenAt[node] !== step && symbols.includes(symbolOf[node])) {
            seenAt[node] = step;
            next[nextCount++] = node;
          }
        }
      }
      if (cells.startsWord[index] === 1) {
        const rootChildren = children[SymbolTrie.ROOT];
        for (let choice = 0; choice < symbols.length; choice += 1) {
          const child = rootChildren.get(symbols[choice]);
          if (child !== undefined && seenAt[child] !== step) {
            seenAt[child] = step;
            next[nextCount++] = child;
          }
        }
      }
      // Inside an elongation the node will stay on its letter, so it is checked at the run's end.
      const elongationGoesOn =
        cells.runLength[index] >= MIN_ELONGATION &&
        cells.runEnd[index] > index + 1 &&
        cells.continuesMatch[index + 1] === 1;
      for (let position = 0; position < nextCount; position += 1) {
        const node = next[position];
        const ends = values[node];
        if (ends === undefined || (elongationGoesOn && symbols.includes(symbolOf[node]))) continue;
        if (this.accept(ends, cells, index, found)) return;
      }
      [active, next] = [next, active];
      activeCount = nextCount;
    }
  }

  /** A fresh mark for `seenAt`; when the marks run out of 32 bits they start again from a clean slate. */
  private nextStep(): number {
    if (this.step === MAX_STEP) {
      this.seenAt.fill(0);
      this.step = 0;
    }
    this.step += 1;
    return this.step;
  }

  /** Records the lists an entry ending at `index` belongs to; true once nothing more can be learned. */
  private accept(
    ends: readonly EntryEnd[],
    cells: TextCells,
    index: number,
    found: { banned: boolean; suspect: boolean },
  ): boolean {
    for (const end of ends) {
      const already = end.list === ListKind.Banned ? found.banned : found.suspect;
      if (already || !this.followedByEnding(end, cells, index)) continue;
      if (end.list === ListKind.Banned) found.banned = true;
      else found.suspect = true;
    }
    return (found.banned || !this.hasBanned) && (found.suspect || !this.hasSuspect);
  }

  private followedByEnding(end: EntryEnd, cells: TextCells, index: number): boolean {
    const pieceEnd = cells.pieceEnd[index];
    if (index + 1 === pieceEnd) return true;
    if (end.grammar === null) return false;
    const rest: (readonly number[])[] = [];
    for (let cell = index + 1; cell < pieceEnd;) {
      const runStop = Math.min(cells.runEnd[cell], pieceEnd);
      rest.push(cells.symbols[cell]);
      if (runStop - cell === 2) rest.push(cells.symbols[cell + 1]);
      if (rest.length > end.grammar.maxLetters) return false;
      cell = runStop;
    }
    return end.grammar.accepts(rest, end.lastSymbol);
  }

  private read(codePoint: number): CharSymbols {
    const known = codePoint < COMMON_CHARS ? this.commonChars[codePoint] : this.otherChars.get(codePoint);
    if (known !== undefined) return known;
    const reading = readChar(String.fromCodePoint(codePoint));
    const char = { kind: reading.kind, symbols: this.alphabet.knownIdsOf(reading.skeletons) };
    if (codePoint < COMMON_CHARS) this.commonChars[codePoint] = char;
    else {
      if (this.otherChars.size >= MAX_REMEMBERED_CHARS) this.otherChars.clear();
      this.otherChars.set(codePoint, char);
    }
    return char;
  }
}
