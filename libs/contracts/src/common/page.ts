import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min, ValidateBy } from 'class-validator';
import { OptionalNotNull } from '../validation/optional-not-null.decorator';
import { PAGE_CURSOR_REFUSAL, readPageCursor } from './page-cursor';

export const PAGE_LIMIT_DEFAULT = 20;
export const PAGE_LIMIT_MAX = 100;

/** A cursor is checked as strictly as a body: only one the page-cursor codec issued gets through. */
const IsPageCursor = () =>
  ValidateBy({
    name: 'isPageCursor',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && readPageCursor(value) !== undefined,
      defaultMessage: () => PAGE_CURSOR_REFUSAL,
    },
  });

/** `limit` of every list: 1 to PAGE_LIMIT_MAX, PAGE_LIMIT_DEFAULT when left out. */
export function PageLimitField(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ required: false, minimum: 1, maximum: PAGE_LIMIT_MAX, default: PAGE_LIMIT_DEFAULT }),
    OptionalNotNull(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(PAGE_LIMIT_MAX),
  );
}

/** `cursor` and `limit` of every list: the cursor is opaque to clients (base64url of a position). */
export class PageQuery {
  @ApiProperty({ required: false, description: 'Opaque cursor from the previous page' })
  @OptionalNotNull()
  @IsString()
  @IsPageCursor()
  cursor?: string;

  @PageLimitField()
  limit?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
