export { compileWordFilter } from './word-filter';
export type { WordCheck, WordFilter, WordLists } from './word-filter';
export { parseListEntry } from './list-entry';
export type { EntryForm, ListEntry } from './list-entry';
