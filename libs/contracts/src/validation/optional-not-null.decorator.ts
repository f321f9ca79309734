import { applyDecorators } from '@nestjs/common';
import { buildMessage, ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';

/**
 * A field that may be left out, but not sent as `null`. class-validator's `@IsOptional()` skips the
 * rules for `null` too, so a handler that reads "absent" as `undefined` would get a `null` it never
 * expected; fields documented as nullable keep `@IsOptional()`.
 */
export function OptionalNotNull(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_object, value) => value !== undefined),
    ValidateBy(
      {
        name: 'isNotNull',
        validator: {
          validate: (value: unknown) => value !== null,
          defaultMessage: buildMessage(() => '$property may be left out, but not null', options),
        },
      },
      options,
    ),
  );
}
