import { ATTACHMENT_KINDS, ATTACHMENT_MEDIA_TYPES, AttachmentKind } from '@app/contracts';

/**
 * The kinds of file a submission may carry, recognised by their first bytes (never by name or declared
 * type). A small sniffer of our own rather than `file-type`: that package is ESM-only and this build is
 * CommonJS, and six signatures are easier to read than to load.
 */
export const FILE_KINDS = ATTACHMENT_KINDS;
export type FileKind = AttachmentKind;

export const MEDIA_TYPES: Readonly<Record<FileKind, string>> = ATTACHMENT_MEDIA_TYPES;

export const EXTENSIONS: Readonly<Record<FileKind, string>> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
  mp4: 'mp4',
  pdf: 'pdf',
};

/** How many leading bytes `sniffFileKind` needs at most to decide. */
export const SNIFF_BYTES = 64;

/**
 * ISO base media brands that mean MP4 video. QuickTime (`qt  `), HEIF/HEIC and AVIF share the `ftyp`
 * box but are not MP4 and are refused.
 */
const MP4_BRANDS = new Set([
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'avc1',
  'dash',
  'M4V ',
  'MSNV',
  'mmp4',
  'f4v ',
]);

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function sniffFileKind(head: Uint8Array): FileKind | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, PNG_SIGNATURE)) return 'png';
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return 'gif';
  if (
    ascii(head, 0, 4) === 'RIFF' &&
    ascii(head, 8, 12) === 'WEBP' &&
    /^VP8[ LX]$/.test(ascii(head, 12, 16))
  ) {
    return 'webp';
  }
  if (ascii(head, 0, 5) === '%PDF-') return 'pdf';
  if (isMp4(head)) return 'mp4';
  return undefined;
}

function isMp4(head: Uint8Array): boolean {
  if (head.length < 12 || ascii(head, 4, 8) !== 'ftyp') return false;
  const boxSize = ((head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3]) >>> 0;
  if (boxSize < 16 || boxSize % 4 !== 0) return false;
  // Major brand at 8, minor version at 12, then compatible brands up to the box's end.
  const brands = [ascii(head, 8, 12)];
  for (let offset = 16; offset + 4 <= Math.min(boxSize, head.length); offset += 4) {
    brands.push(ascii(head, offset, offset + 4));
  }
  if (['qt  ', 'heic', 'heix', 'mif1', 'msf1', 'avif', 'avis'].includes(brands[0])) return false;
  return brands.some((brand) => MP4_BRANDS.has(brand));
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  if (bytes.length < end) return '';
  return String.fromCharCode(...bytes.subarray(start, end));
}
