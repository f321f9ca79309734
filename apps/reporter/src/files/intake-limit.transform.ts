import { Transform, TransformCallback } from 'node:stream';
import { IntakeBudget } from '../domain/intake-limits';

/**
 * Counts one file's bytes as they stream through and fails the stream (with an IntakeLimitError naming
 * the file) at the chunk that passes the per-file or the submission's total limit. Nothing past the
 * limit is passed on, so what stores the file can discard what it has.
 */
export class IntakeLimitTransform extends Transform {
  private fileBytes = 0;

  constructor(
    private readonly fileName: string,
    private readonly budget: IntakeBudget,
  ) {
    super();
    budget.startFile(fileName);
  }

  get bytesPassed(): number {
    return this.fileBytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.budget.addBytes(this.fileName, chunk.length, this.fileBytes + chunk.length);
    } catch (error) {
      callback(error as Error);
      return;
    }
    this.fileBytes += chunk.length;
    callback(null, chunk);
  }
}
