import type { ValidationError } from 'class-validator';
import type { FieldError } from './wire-error';

/** Flattens class-validator's tree into `{ field: "options.2", message }` rows, one per broken rule. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}
