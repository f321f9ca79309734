import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';
import { parseTimestamp } from './timestamp';

/** An RFC 3339 date-time between 1970 and 9999 (see TIMESTAMP_RANGE): one every service can store. */
export function IsTimestamp(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimestamp',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseTimestamp(value) !== undefined,
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be a date-time such as 2030-01-31T18:00:00Z, between 1970 and 9999`,
          options,
        ),
      },
    },
    options,
  );
}
