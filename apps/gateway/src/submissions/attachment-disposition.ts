/** Longest file name offered to a browser, in characters; longer names keep their end (the extension). */
const MAX_NAME_CHARACTERS = 120;

// eslint-disable-next-line no-control-regex -- control characters are what is removed
const UNSAFE = /[\u0000-\u001f\u007f-\u009f"\\/:*?<>|\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * The file name a download is saved under: the sender's name without path separators, control or bidi
 * characters (a name like "photo\u202Egpj.exe" must not read as something else), quotes or characters
 * file systems refuse; its extension is the kind the bytes were recognised as, whatever the sender
 * called it. Empty names become `attachment`.
 */
export function safeFileName(sent: string | null | undefined, extension: string): string {
  const cleaned = (sent ?? '').normalize('NFC').replace(UNSAFE, '_').replace(/\s+/g, ' ').trim();
  const stem = cleaned.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/^[.\s_]+/, '');
  const characters = [...(stem || 'attachment')];
  const kept = characters.length > MAX_NAME_CHARACTERS ? characters.slice(-MAX_NAME_CHARACTERS) : characters;
  return `${kept.join('')}.${extension}`;
}

/** RFC 5987 `attr-char`: what may stand unescaped in `filename*`. */
const ATTR_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~]/;

function encodeRfc5987(value: string): string {
  let encoded = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const character = String.fromCharCode(byte);
    encoded +=
      byte < 0x80 && ATTR_CHAR.test(character)
        ? character
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/**
 * `Content-Disposition: attachment` (RFC 6266) with an ASCII `filename` for old clients and the exact
 * name as `filename*=UTF-8''…` (RFC 5987), so a browser saves the file and never shows it inline.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}
