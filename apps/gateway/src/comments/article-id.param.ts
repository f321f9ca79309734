import { Injectable, PipeTransform } from '@nestjs/common';
import { ARTICLE_ID_PATTERN, ValidationFailedError } from '@app/contracts';

/** An article id in a path: the portal's own, 1–128 characters of [A-Za-z0-9._:-]; anything else is a 400. */
@Injectable()
export class ArticleIdParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !ARTICLE_ID_PATTERN.test(value)) {
      throw new ValidationFailedError([
        {
          field: 'articleId',
          message: 'articleId must be 1–128 characters of A–Z, a–z, 0–9, ".", "_", ":", "-"',
        },
      ]);
    }
    return value;
  }
}
