/**
 * Characters no field of the suite accepts: C0 controls other than tab, line feed and carriage return,
 * DEL, and the C1 controls. PostgreSQL refuses U+0000 in text and jsonb outright; the rest are never
 * typed by a person and only serve to hide or forge content in logs, terminals and consoles.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Anything worth a closer look: most text has none of it, and is passed by this one scan. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF]/;
/** Half of a surrogate pair without its other half: not a character, and not encodable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LINE_BREAK = /[\n\r\u0085\u2028\u2029]/;
/** Controls and lone surrogates, and the bidi embeddings, overrides and isolates that reorder text. */
const REMOVED_BY_CLEANING =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const codePoint = (character: string): string =>
  `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** What makes `text` unacceptable in any field, in words for a problem document; undefined when nothing. */
export function unsafeCharacterIn(text: string): string | undefined {
  if (!SUSPECT.test(text)) return undefined;
  const control = CONTROL_CHARACTER.exec(text);
  if (control) return `a control character (${codePoint(control[0])})`;
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) return `a lone surrogate (${codePoint(surrogate[0])})`;
  return undefined;
}

export function hasLineBreak(text: string): boolean {
  return LINE_BREAK.test(text);
}

/**
 * For free text that is cleaned instead of refused: drops control characters (tab and line breaks
 * stay), lone surrogates and bidi embeddings, overrides and isolates.
 */
export function cleanText(text: string): string {
  return text.replace(REMOVED_BY_CLEANING, '');
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text put into HTML: every character that could open markup or end an attribute is escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}
