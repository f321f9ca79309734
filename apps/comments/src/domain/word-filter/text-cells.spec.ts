import { readChar } from './look-alikes';
import { CharSymbols, TextCells, toTextCells } from './text-cells';

/** Each distinct skeleton letter gets an id, so the cells can be read back as text. */
function cellsOf(text: string): { cells: TextCells; letters: string[] } {
  const letters: string[] = [];
  const read = (codePoint: number): CharSymbols => {
    const reading = readChar(String.fromCodePoint(codePoint));
    const symbols = [...reading.skeletons].map((letter) => {
      if (!letters.includes(letter)) letters.push(letter);
      return letters.indexOf(letter);
    });
    return { kind: reading.kind, symbols };
  };
  return { cells: toTextCells(text.normalize('NFKD'), read), letters };
}

/** The cells as words: "|" where a match stops, "." where a new piece starts but a match goes on. */
function layout(text: string): string {
  const { cells, letters } = cellsOf(text);
  let out = '';
  for (let index = 0; index < cells.count; index += 1) {
    if (index > 0 && cells.continuesMatch[index] === 0) out += '|';
    else if (index > 0 && cells.startsWord[index] === 1) out += '.';
    out += cells.symbols[index].map((symbol) => letters[symbol]).join('/');
  }
  return out;
}

describe('toTextCells', () => {
  it('reads letters as their look-alike skeletons, in any case and width', () => {
    expect(layout('СПАМ')).toBe('cnam');
    expect(layout('ｓｃａｍ')).toBe('scam');
  });

  it('lets a match go on through a word spelled letter by letter, across dots and spaces', () => {
    expect(layout('с.п.а.м')).toBe('c.n.a.m');
    expect(layout('с п а м')).toBe('c.n.a.m');
    expect(cellsOf('с п а м е р').cells.pieceEnd[3]).toBe(6);
  });

  it('never joins two words of several letters', () => {
    expect(layout('с памятью')).toBe('c|namяtью');
    expect(layout('иди от')).toBe('uдu|ot');
  });

  it('lets a match go on across punctuation inside a word, but ends the piece there', () => {
    expect(layout('спа-салон')).toBe('cna.caлoh');
    expect(cellsOf('спа-салон').cells.pieceEnd[0]).toBe(3);
  });

  it('drops invisible characters without splitting the word', () => {
    expect(layout('с\u200bп\u00adа\u202eм')).toBe('cnam');
    expect(layout('с̶п̶а̶м̶')).toBe('cnam');
  });

  it('reads digits and $ as letters only in a word with letters, and @ ! | only between letters', () => {
    expect(layout('m0r0n')).toBe('moron');
    expect(layout('$cam')).toBe('scam');
    expect(layout('sc@m')).toBe('scam');
    expect(layout('2024 $100 ...')).toBe('');
    expect(layout('@editor scam!')).toBe('editor|scam');
  });

  it('gives a character the letters it may stand for', () => {
    expect(layout('1d')).toBe('i/ld');
    expect(layout('3ло')).toBe('з/eлo');
  });

  it('measures runs of one letter, counting look-alikes as the same letter', () => {
    const { cells } = cellsOf('спaаaм');
    expect(Array.from(cells.runLength)).toEqual([1, 1, 3, 3, 3, 1]);
  });
});
