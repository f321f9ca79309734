import { CharKind } from './look-alikes';

/** A character as the matcher sees it: its kind and the skeleton letters (as ids) it may stand for. */
export interface CharSymbols {
  readonly kind: CharKind;
  readonly symbols: readonly number[];
}

/**
 * The letters of a text in order, with what lies between them. Only letters (and symbols read as
 * letters) become cells; everything else becomes a boundary before the next cell:
 * - inside a piece (no boundary): the cell continues the word;
 * - between the pieces of a word written letter by letter ("с.п.а.м", "с п а м", "s-c-a-m"): a new
 *   word may start here, a match may go on, and the letters after it still count as one piece;
 * - between pieces joined by punctuation ("спа-салон", "anti-scam"): a word may start here, a match may
 *   go on, but the letters after a match are looked at only up to the end of the piece;
 * - between words: a match stops.
 */
export interface TextCells {
  readonly count: number;
  readonly symbols: (readonly number[])[];
  /** 1 where a word may start. */
  readonly startsWord: Uint8Array;
  /** 1 where a match running in the previous cell may go on into this one. */
  readonly continuesMatch: Uint8Array;
  /** Index after the last cell of the piece holding this cell: where the letters after a match end. */
  readonly pieceEnd: Int32Array;
  /** Length of the run of the same letter holding this cell (counted across joinable boundaries). */
  readonly runLength: Int32Array;
  /** Index after the run of the same letter that starts at this cell and goes right. */
  readonly runEnd: Int32Array;
}

const enum Boundary {
  None,
  Spelled,
  Joined,
  Word,
}

/**
 * Splits a text into cells. `read` gives each code point's kind and symbols; the text must already be
 * NFKD-normalised. Linear in the text's length; it runs on every post, so it works in reused buffers.
 */
export function toTextCells(text: string, read: (codePoint: number) => CharSymbols): TextCells {
  const symbols: (readonly number[])[] = [];
  const boundaryBefore = new Uint8Array(text.length);
  let count = 0;

  // One word (a run of non-space characters) at a time, and its pieces as [start, end) ranges.
  const word: CharSymbols[] = [];
  const pieceStarts: number[] = [];
  const pieceEnds: number[] = [];
  let previousWordSpelled = false;

  const emitWord = (): void => {
    const pieceCount = findPieces(word, pieceStarts, pieceEnds);
    if (pieceCount === 0) {
      word.length = 0;
      return;
    }
    let spelled = true;
    for (let piece = 0; piece < pieceCount && spelled; piece += 1) {
      spelled = pieceEnds[piece] - pieceStarts[piece] === 1;
    }
    for (let piece = 0; piece < pieceCount; piece += 1) {
      for (let index = pieceStarts[piece]; index < pieceEnds[piece]; index += 1) {
        let boundary: Boundary;
        if (index > pieceStarts[piece]) boundary = Boundary.None;
        else if (piece > 0) boundary = spelled ? Boundary.Spelled : Boundary.Joined;
        else boundary = spelled && previousWordSpelled ? Boundary.Spelled : Boundary.Word;
        boundaryBefore[count] = boundary;
        symbols[count] = word[index].symbols;
        count += 1;
      }
    }
    previousWordSpelled = spelled;
    word.length = 0;
  };

  for (let index = 0; index < text.length; index += 1) {
    let codePoint = text.charCodeAt(index);
    if (codePoint >= 0xd800 && codePoint <= 0xdbff && index + 1 < text.length) {
      const low = text.charCodeAt(index + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        codePoint = (codePoint - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        index += 1;
      }
    }
    const char = read(codePoint);
    if (char.kind === CharKind.Invisible) continue;
    if (char.kind === CharKind.Space) {
      if (word.length > 0) emitWord();
    } else word.push(char);
  }
  if (word.length > 0) emitWord();

  return describeCells(count, symbols, boundaryBefore);
}

/**
 * Rewrites `word` in place to hold only the characters that read as letters, and fills the ranges of
 * its pieces: runs of letters and letter-like symbols between separators. A piece with no real letter
 * ("2024", "$100") is punctuation, not a piece; symbols read as letters only between letters are
 * dropped at a piece's edges ("@editor", "scam!"). Returns the number of pieces.
 */
function findPieces(word: CharSymbols[], pieceStarts: number[], pieceEnds: number[]): number {
  let kept = 0;
  let pieceCount = 0;
  let start = 0;
  for (let index = 0; index <= word.length; index += 1) {
    if (index < word.length && word[index].kind !== CharKind.Separator) continue;
    let hasLetter = false;
    let first = -1;
    let last = -1;
    for (let inner = start; inner < index; inner += 1) {
      const kind = word[inner].kind;
      if (kind === CharKind.Letter) hasLetter = true;
      if (kind === CharKind.Letter || kind === CharKind.LetterLikeAnywhere) {
        if (first < 0) first = inner;
        last = inner;
      }
    }
    if (hasLetter) {
      pieceStarts[pieceCount] = kept;
      for (let inner = start; inner < index; inner += 1) {
        if (word[inner].kind === CharKind.LetterLikeBetween && (inner < first || inner > last)) continue;
        word[kept] = word[inner];
        kept += 1;
      }
      pieceEnds[pieceCount] = kept;
      pieceCount += 1;
    }
    start = index + 1;
  }
  word.length = kept;
  return pieceCount;
}

function describeCells(count: number, symbols: (readonly number[])[], boundaryBefore: Uint8Array): TextCells {
  const startsWord = new Uint8Array(count);
  const continuesMatch = new Uint8Array(count);
  const pieceEnd = new Int32Array(count);
  const runLength = new Int32Array(count);
  const runEnd = new Int32Array(count);
  for (let index = 0; index < count; index += 1) {
    const boundary = index === 0 ? Boundary.Word : (boundaryBefore[index] as Boundary);
    startsWord[index] = boundary === Boundary.None ? 0 : 1;
    continuesMatch[index] = boundary === Boundary.Word ? 0 : 1;
  }
  const sameRun = (left: number, right: number): boolean =>
    continuesMatch[right] === 1 && symbols[left].length > 0 && symbols[left][0] === symbols[right][0];
  for (let index = count - 1; index >= 0; index -= 1) {
    const next = index + 1;
    const pieceGoesOn = next < count && (boundaryBefore[next] as Boundary) <= Boundary.Spelled;
    pieceEnd[index] = pieceGoesOn ? pieceEnd[next] : next;
    runEnd[index] = next < count && sameRun(index, next) ? runEnd[next] : next;
  }
  for (let start = 0; start < count;) {
    const end = runEnd[start];
    runLength.fill(end - start, start, end);
    start = end;
  }
  return { count, symbols, startsWord, continuesMatch, pieceEnd, runLength, runEnd };
}
