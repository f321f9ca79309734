/**
 * API.md's text limits of a submission, in characters. A file of its own with no imports, so the
 * browser code (the reporter widget, the console's desk) takes them from here too.
 */
export const SUBMISSION_TEXT_LIMITS = {
  titleMaxLength: 200,
  bodyMaxLength: 20000,
  nameMaxLength: 200,
  emailMaxLength: 254,
  phoneMaxLength: 40,
  locationMaxLength: 500,
  messageMaxLength: 5000,
  noteMaxLength: 5000,
  searchMaxLength: 200,
  staffIdMaxLength: 64,
} as const;
