import { Transform } from 'class-transformer';
import { cleanText } from './text-safety';

/**
 * Opts a free-text field in to cleaning instead of refusal: control characters, lone surrogates and
 * bidi overrides are removed before validation, so the field's other rules see the cleaned text and
 * the unsafe-text check finds nothing left to refuse.
 */
export function CleanText(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? cleanText(value) : value));
}
