import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDefined, ValidateNested } from 'class-validator';

/**
 * A required object field validated as its own contract class. `@ValidateNested()` alone lets an
 * absent or null value pass (there is nothing to validate), so a message without its caller or its
 * body would reach the handler; this refuses it as the missing field it is.
 */
export function NestedContract(type: () => new (...args: never[]) => object): PropertyDecorator {
  return applyDecorators(IsDefined(), ValidateNested(), Type(type));
}
