import { ValidateBy, ValidationArguments } from 'class-validator';
import { isPlaceholder, PLACEHOLDER_MARKER, secretWeakness } from './secret-strength';

const HOW_TO_GENERATE = 'generate one with `openssl rand -base64 32`';

/** A key the suite signs or hashes with: long, random-looking, not a template's placeholder. */
export const IsStrongSecret = (): PropertyDecorator =>
  ValidateBy({
    name: 'isStrongSecret',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && secretWeakness(value) === undefined,
      defaultMessage: (args?: ValidationArguments) => {
        const value: unknown = args?.value;
        const reason = typeof value === 'string' ? secretWeakness(value) : 'must be a string';
        return `${args?.property ?? 'the secret'} ${reason}; ${HOW_TO_GENERATE}`;
      },
    },
  });

/** A value a person chooses (a password) that must not be left as a template's placeholder. */
export const IsNotPlaceholder = (): PropertyDecorator =>
  ValidateBy({
    name: 'isNotPlaceholder',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !isPlaceholder(value),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property ?? 'the value'} is still a placeholder (it contains "${PLACEHOLDER_MARKER}")`,
    },
  });
