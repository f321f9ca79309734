import { FileLimitError } from './submission.errors';

/** The file limits of one intake, as the reporter service gave them in its `beginIntake` reply. */
export interface FileLimits {
  readonly maxFileBytes: number;
  readonly maxTotalBytes: number;
  readonly maxFiles: number;
}

/**
 * Counts the files and bytes of one submission as they stream in, so a limit is refused at the byte that
 * passes it, before that byte is sent on. A file of exactly the limit passes.
 */
export class FileBudget {
  private files = 0;
  private totalBytes = 0;
  private fileBytes = 0;

  constructor(readonly limits: FileLimits) {}

  startFile(fileName: string): void {
    if (this.files + 1 > this.limits.maxFiles) {
      throw new FileLimitError('too_many_files', fileName, this.limits.maxFiles);
    }
    this.files += 1;
    this.fileBytes = 0;
  }

  /** Counts `bytes` more of the current file. */
  add(fileName: string, bytes: number): void {
    if (this.fileBytes + bytes > this.limits.maxFileBytes) {
      throw new FileLimitError('file_too_large', fileName, this.limits.maxFileBytes);
    }
    if (this.totalBytes + bytes > this.limits.maxTotalBytes) {
      throw new FileLimitError('submission_too_large', fileName, this.limits.maxTotalBytes);
    }
    this.fileBytes += bytes;
    this.totalBytes += bytes;
  }

  get receivedBytes(): number {
    return this.totalBytes;
  }
}
