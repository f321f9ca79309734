import { Injectable, PipeTransform } from '@nestjs/common';
import { COMMENT_LIMITS, ValidationFailedError } from '@app/contracts';

/** A reader id in a path, as the moderation queue shows it (a keyed hash); anything else is a 400. */
@Injectable()
export class ReaderIdParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !COMMENT_LIMITS.readerIdPattern.test(value)) {
      throw new ValidationFailedError([
        { field: 'readerId', message: 'readerId must be a reader id as the moderation queue shows it' },
      ]);
    }
    return value;
  }
}
