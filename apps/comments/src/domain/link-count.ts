/**
 * Links a reader would recognise in plain text: with a scheme, starting with www., or a bare domain
 * with a path or a well-known ending. Counted, not parsed: the body is never rendered as markup.
 */
const LINK =
  /\b(?:(?:https?|ftp):\/\/|www\.)[^\s]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|ru|su|рф|info|biz|io|me|ly|co|xyz|top|online|site|club|ua|by|kz)\b(?:\/[^\s]*)?/giu;

export function countLinks(text: string): number {
  return text.match(LINK)?.length ?? 0;
}
