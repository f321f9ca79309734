import { Injectable, PipeTransform } from '@nestjs/common';
import { isUuid, NotFoundError } from '@app/contracts';

/** Ids are opaque to clients; one that cannot be ours is simply not found (404). */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUuid(value)) throw new NotFoundError('The resource');
    return value.toLowerCase();
  }
}
