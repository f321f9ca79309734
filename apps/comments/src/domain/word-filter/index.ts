export { compileWordFilter } from './word-filter';
export type { WordCheck, WordFilter, WordLists } from './word-filter';
export { listEntryProblem, parseListEntry } from './list-entry';
export type { EntryForm, ListEntry, ListEntryProblem } from './list-entry';
