import { Injectable, PipeTransform } from '@nestjs/common';
import { NotFoundError } from '@app/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are opaque to clients; one that cannot be ours is simply not found (404). */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new NotFoundError('The resource');
    return value.toLowerCase();
  }
}
