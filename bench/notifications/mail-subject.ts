/**
 * The Subject of a raw message, decoded (RFC 2047 encoded words, B or Q, in UTF-8 or Latin-1), read
 * from its header block alone: the bench needs nothing else of a message, and a full parse would make
 * its SMTP listener the slowest part of what it measures.
 */
export function subjectOf(raw: string): string | undefined {
  const end = raw.search(/\r?\n\r?\n/);
  const headers = (end < 0 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const line = /^subject:[ \t]*(.*)$/im.exec(headers)?.[1];
  return line === undefined ? undefined : decodeWords(line);
}

const ENCODED_WORD = /=\?([^?]+)\?([bq])\?([^?]*)\?=/gi;

function decodeWords(text: string): string {
  // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
  const joined = text.replace(/(\?=)\s+(?==\?)/g, '$1');
  const parts: string[] = [];
  let last = 0;
  let pending: { charset: string; bytes: Buffer[] } | undefined;
  const flush = (): void => {
    if (!pending) return;
    const encoding = /^utf-?8$/i.test(pending.charset) ? 'utf8' : 'latin1';
    parts.push(Buffer.concat(pending.bytes).toString(encoding));
    pending = undefined;
  };
  for (const match of joined.matchAll(ENCODED_WORD)) {
    const [word, charset, kind, payload] = match;
    if (match.index > last) {
      flush();
      parts.push(joined.slice(last, match.index));
    }
    const bytes =
      kind.toLowerCase() === 'b'
        ? Buffer.from(payload, 'base64')
        : Buffer.from(
            payload
              .replace(/_/g, ' ')
              .replace(/=([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          );
    // Consecutive words of one charset may split a character between them: decode them together.
    if (pending && pending.charset.toLowerCase() !== charset.toLowerCase()) flush();
    pending ??= { charset, bytes: [] };
    pending.bytes.push(bytes);
    last = match.index + word.length;
  }
  flush();
  parts.push(joined.slice(last));
  return parts.join('');
}
