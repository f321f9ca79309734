/**
 * API.md's limits for a submission's files, checked in the browser so a reader hears of a file that
 * cannot go before waiting for it to upload. The service decides by the file's bytes; here the browser's
 * type and the name's extension are enough to catch the mistakes people make (a text file, a video
 * from a screen recorder in another format).
 */
export interface FileLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
}

export const MEBIBYTE = 1024 * 1024;

export const DEFAULT_FILE_LIMITS: FileLimits = {
  maxFiles: 10,
  maxFileBytes: 20 * MEBIBYTE,
  maxTotalBytes: 50 * MEBIBYTE,
};

const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'video/mp4', 'application/pdf'];
const ACCEPTED_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp', '.gif', '.mp4', '.pdf'];

/** The file input's `accept`: what the picker offers first. */
export const ACCEPT = [...ACCEPTED_TYPES, ...ACCEPTED_EXTENSIONS].join(',');

export type FileRefusal =
  | { reason: 'type' }
  | { reason: 'empty' }
  | { reason: 'size'; limit: number }
  | { reason: 'count'; limit: number }
  | { reason: 'total'; limit: number };

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}

/** A browser that knows the type says so; one that does not (an empty type) is judged by the name. */
function acceptedKind(file: Pick<File, 'name' | 'type'>): boolean {
  if (file.type) return ACCEPTED_TYPES.includes(file.type.toLowerCase());
  return ACCEPTED_EXTENSIONS.includes(extensionOf(file.name));
}

/** Why `file` cannot join `chosen`, or undefined when it can. */
export function refuseFile(
  file: Pick<File, 'name' | 'type' | 'size'>,
  chosen: readonly Pick<File, 'size'>[],
  limits: FileLimits,
): FileRefusal | undefined {
  if (!acceptedKind(file)) return { reason: 'type' };
  if (file.size === 0) return { reason: 'empty' };
  if (file.size > limits.maxFileBytes) return { reason: 'size', limit: limits.maxFileBytes };
  if (chosen.length + 1 > limits.maxFiles) return { reason: 'count', limit: limits.maxFiles };
  const total = chosen.reduce((sum, other) => sum + other.size, 0) + file.size;
  if (total > limits.maxTotalBytes) return { reason: 'total', limit: limits.maxTotalBytes };
  return undefined;
}

/** A limit from the widget's data attribute (in MB or a count), or the default for a missing or bad one. */
export function limitFrom(value: string | undefined, unit: number, fallback: number): number {
  const parsed = Number(value);
  return value && Number.isFinite(parsed) && parsed > 0 ? Math.floor(parsed * unit) : fallback;
}

export function limitsOf(host: HTMLElement): FileLimits {
  const { maxFiles, maxFileMb, maxTotalMb } = host.dataset;
  return {
    maxFiles: limitFrom(maxFiles, 1, DEFAULT_FILE_LIMITS.maxFiles),
    maxFileBytes: limitFrom(maxFileMb, MEBIBYTE, DEFAULT_FILE_LIMITS.maxFileBytes),
    maxTotalBytes: limitFrom(maxTotalMb, MEBIBYTE, DEFAULT_FILE_LIMITS.maxTotalBytes),
  };
}
