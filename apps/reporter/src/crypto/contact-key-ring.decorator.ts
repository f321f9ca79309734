import { ValidateBy, ValidationArguments } from 'class-validator';
import { ContactKeyConfigError, parseContactKeyRing } from './contact-key-ring';

function problemsOf(value: unknown): readonly string[] {
  if (typeof value !== 'string') return ['must be a list of id:key entries'];
  try {
    parseContactKeyRing(value);
    return [];
  } catch (error) {
    if (error instanceof ContactKeyConfigError) return error.problems;
    throw error;
  }
}

/**
 * For the configuration class that carries the contact keys: a bad ring stops the process at start,
 * naming the variable and the entry, never quoting a key.
 */
export const IsContactKeyRing = (): PropertyDecorator =>
  ValidateBy({
    name: 'isContactKeyRing',
    validator: {
      validate: (value: unknown) => problemsOf(value).length === 0,
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property ?? 'the contact keys'}: ${problemsOf(args?.value).join('; ')}`,
    },
  });
