/**
 * The banned/suspect word matcher, by the interface the comments service relies on. Until the matcher
 * that sees through disguise is in place, a plain case-insensitive word match stands in for it.
 */
export interface WordFilter {
  check(text: string): { banned: boolean; suspect: boolean };
}

export interface WordLists {
  banned: string[];
  suspect: string[];
}

export function compileWordFilter(lists: WordLists): WordFilter {
  const matcher = (words: string[]) => {
    const wanted = new Set(words.map((word) => word.toLocaleLowerCase('ru')));
    return (text: string) =>
      wanted.size > 0 &&
      text
        .toLocaleLowerCase('ru')
        .split(/[^\p{L}\p{N}]+/u)
        .some((word) => wanted.has(word));
  };
  const banned = matcher(lists.banned);
  const suspect = matcher(lists.suspect);
  return { check: (text) => ({ banned: banned(text), suspect: suspect(text) }) };
}
