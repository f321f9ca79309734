/** Telegram refuses a message longer than 4096 characters, counted in UTF-16 units as its entities are. */
export const TELEGRAM_TEXT_MAX = 4096;

/**
 * The text of a Telegram message: the subject as its first line, then the body, as plain text (no
 * parse mode, so nothing in a comment can be read as markup), cut at the limit between code points.
 */
export function telegramText(subject: string, text: string): string {
  const whole = subject && !text.startsWith(subject) ? `${subject}\n\n${text}` : text;
  if (whole.length <= TELEGRAM_TEXT_MAX) return whole;
  let cut = '';
  for (const point of whole) {
    if (cut.length + point.length > TELEGRAM_TEXT_MAX - 1) break;
    cut += point;
  }
  return `${cut}…`;
}
