/** API.md's limits for the files of one submission; each becomes configurable where the service reads them. */
export interface IntakeLimits {
  /** Largest file accepted, in bytes; a file of exactly this size passes. */
  readonly maxFileBytes: number;
  /** Largest sum of all files of one submission, in bytes. */
  readonly maxTotalBytes: number;
  readonly maxFiles: number;
}

const MEBIBYTE = 1024 * 1024;

export const DEFAULT_INTAKE_LIMITS: IntakeLimits = {
  maxFileBytes: 20 * MEBIBYTE,
  maxTotalBytes: 50 * MEBIBYTE,
  maxFiles: 10,
};

export type IntakeLimitKind = 'file_size' | 'total_size' | 'file_count';

/** A limit passed while receiving; names the file (as its sender named it) and the limit. */
export class IntakeLimitError extends Error {
  constructor(
    readonly limit: IntakeLimitKind,
    readonly fileName: string,
    readonly maxAllowed: number,
  ) {
    super(
      limit === 'file_count'
        ? `file ${JSON.stringify(fileName)} is one more than the ${maxAllowed} files allowed`
        : limit === 'file_size'
          ? `file ${JSON.stringify(fileName)} is larger than ${maxAllowed} bytes`
          : `file ${JSON.stringify(fileName)} takes the submission past ${maxAllowed} bytes in all`,
    );
    this.name = 'IntakeLimitError';
  }
}

/**
 * What one submission has received so far. A multipart parser calls `startFile` as each file part begins
 * and `addBytes` as its bytes arrive, so a limit is refused at the byte that passes it, not at the end.
 */
export class IntakeBudget {
  private files = 0;
  private totalBytes = 0;

  constructor(readonly limits: IntakeLimits = DEFAULT_INTAKE_LIMITS) {}

  startFile(fileName: string): void {
    if (this.files + 1 > this.limits.maxFiles) {
      throw new IntakeLimitError('file_count', fileName, this.limits.maxFiles);
    }
    this.files += 1;
  }

  /** `fileBytes` is the file's size including this chunk. */
  addBytes(fileName: string, chunkBytes: number, fileBytes: number): void {
    if (fileBytes > this.limits.maxFileBytes) {
      throw new IntakeLimitError('file_size', fileName, this.limits.maxFileBytes);
    }
    if (this.totalBytes + chunkBytes > this.limits.maxTotalBytes) {
      throw new IntakeLimitError('total_size', fileName, this.limits.maxTotalBytes);
    }
    this.totalBytes += chunkBytes;
  }

  get receivedBytes(): number {
    return this.totalBytes;
  }

  get receivedFiles(): number {
    return this.files;
  }
}
