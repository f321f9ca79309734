import { createHash } from 'node:crypto';

/**
 * The id a dead letter is kept under when the message carried no event id (it was no envelope at all):
 * derived from the stream position, so every redelivery of that message parks the same row while two
 * different messages never share one.
 */
export function standInEventId(stream: string, streamSequence: number): string {
  const hex = createHash('sha256').update(`${stream}\n${streamSequence}`).digest('hex').slice(0, 32);
  // Shaped as an RFC 9562 version 8 (custom) UUID, so it fits the uuid column and passes UUID checks.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
