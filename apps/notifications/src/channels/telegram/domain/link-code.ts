import { createHmac, randomBytes } from 'node:crypto';

/** No 0/O, 1/I: a code is read off a screen and typed into a phone. 32 symbols, so a byte maps without bias. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const LINK_CODE_LENGTH = 8;

/** 8 symbols of 32: 40 bits, against guesses sent to the bot for the few minutes a code lives. */
export function newLinkCode(): string {
  return [...randomBytes(LINK_CODE_LENGTH)].map((byte) => ALPHABET[byte & 31]).join('');
}

/**
 * The code in a message sent to the bot: the code alone, or `/start <code>` (what a t.me deep link
 * sends), in any case and with spaces or dashes a person may add. Undefined for any other message.
 */
export function codeInMessage(text: string): string | undefined {
  const candidate = text
    .trim()
    .replace(/^\/start(?:@\w+)?\s*/i, '')
    .replace(/[\s-]/g, '')
    .toUpperCase();
  if (candidate.length !== LINK_CODE_LENGTH) return undefined;
  return [...candidate].every((symbol) => ALPHABET.includes(symbol)) ? candidate : undefined;
}

/** Codes are stored only as a hash keyed by a secret, so the table alone does not give live codes. */
export function hashLinkCode(code: string, key: string): string {
  return createHmac('sha256', key).update(code).digest('hex');
}
