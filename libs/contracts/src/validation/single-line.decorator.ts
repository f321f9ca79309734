import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';
import { hasLineBreak } from './text-safety';

/**
 * A one-line field (a question, an option, a name, an email, an id): no line feed, carriage return or
 * Unicode line separator, which would let a value forge extra lines in a console, a CSV or a log.
 */
export function SingleLine(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'singleLine',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !hasLineBreak(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a single line`, options),
      },
    },
    options,
  );
}
