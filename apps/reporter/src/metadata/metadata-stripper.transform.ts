import { Transform, TransformCallback } from 'node:stream';
import { FormatWalker, MetadataReport } from './format-walker';

/**
 * Runs a format's walker over a stream: passes the parts to keep, drops or blanks the rest, and holds
 * back only the few bytes a decision needs (a segment header, an EXIF block of at most 64 KiB), so
 * memory stays flat whatever the file's size and the original bytes are never kept.
 */
export class MetadataStripper extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  /** Chunks held, not yet joined, until the walker's `need` is met: joining each small chunk would copy O(n²). */
  private held: Buffer[] = [];
  private heldBytes = 0;
  private waitingFor = 0;
  private passing = 0;
  private skipping = 0;
  private blanking = false;
  private ended = false;

  constructor(private readonly walker: FormatWalker) {
    super();
  }

  /** What was removed and what could not be; final once the stream has ended. */
  get report(): MetadataReport {
    return this.walker.report;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.ended) {
      this.walker.noteTrailer();
      callback();
      return;
    }
    if (this.pending.length + this.heldBytes + chunk.length < this.waitingFor) {
      this.held.push(chunk);
      this.heldBytes += chunk.length;
      callback();
      return;
    }
    this.joinHeld(chunk);
    try {
      this.work(false);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.joinHeld();
      if (!this.ended) this.work(true);
      if (!this.ended) throw this.malformed('the file ends before its format does');
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  private joinHeld(chunk?: Buffer): void {
    const parts = chunk ? [...this.held, chunk] : this.held;
    if (parts.length > 0) {
      this.pending =
        this.pending.length === 0 && parts.length === 1 ? parts[0] : Buffer.concat([this.pending, ...parts]);
    }
    this.held = [];
    this.heldBytes = 0;
  }

  private malformed(reason: string): Error {
    return this.walker.malformed(reason);
  }

  private work(atEnd: boolean): void {
    this.waitingFor = 0;
    for (;;) {
      if (this.passing > 0 || this.skipping > 0) {
        const moving = Math.min(this.passing || this.skipping, this.pending.length);
        if (this.passing > 0) {
          this.push(this.pending.subarray(0, moving));
          this.passing -= moving;
        } else {
          if (this.blanking && moving > 0) this.push(Buffer.alloc(moving));
          this.skipping -= moving;
        }
        this.pending = this.pending.subarray(moving);
        if (this.passing > 0 || this.skipping > 0) {
          if (!atEnd) return;
          if (this.passing !== Infinity) throw this.malformed('the file ends inside a part');
          this.ended = true;
          return;
        }
      }
      if (this.ended) return;
      let step = this.walker.takeQueued();
      if (!step) {
        if (this.pending.length === 0 && !atEnd) return;
        step = this.walker.next(this.pending, atEnd);
      }
      switch (step.kind) {
        case 'need':
          if (atEnd) throw this.malformed('the file ends inside a part');
          this.waitingFor = step.bytes;
          return;
        case 'pass':
          this.passing = step.bytes;
          break;
        case 'skip':
        case 'blank':
          this.skipping = step.bytes;
          this.blanking = step.kind === 'blank';
          break;
        case 'replace':
          if (step.with.length > 0) this.push(step.with);
          this.pending = this.pending.subarray(step.consume);
          break;
        case 'end':
          if (this.pending.length > 0) this.walker.noteTrailer();
          this.pending = Buffer.alloc(0);
          this.ended = true;
          return;
      }
    }
  }
}
