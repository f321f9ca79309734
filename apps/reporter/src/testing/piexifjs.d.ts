// The few parts of piexifjs (which ships no types) that the tests use to write EXIF the way cameras do.
declare module 'piexifjs' {
  type IfdValues = Record<number, unknown>;
  export interface ExifObject {
    '0th'?: IfdValues;
    Exif?: IfdValues;
    GPS?: IfdValues;
    '1st'?: IfdValues;
    thumbnail?: string | null;
  }
  export function dump(exif: ExifObject): string;
  export function insert(exifBytes: string, jpegData: string): string;
  export const ImageIFD: Record<string, number>;
  export const ExifIFD: Record<string, number>;
  export const GPSIFD: Record<string, number>;
}
