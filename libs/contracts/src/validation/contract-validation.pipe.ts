import { ArgumentMetadata, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import type { ValidationError, ValidatorOptions } from 'class-validator';
import { ValidationFailedError } from '../errors/domain-error';
import { toFieldErrors } from '../errors/validation-errors';
import { findUnsafeText } from './unsafe-text.walk';
import { cacheValidationMetadata } from './validation-metadata.cache';

/**
 * The one validation step of the suite, at the gateway (bodies, queries, path parameters) and again at
 * every service (a service does not trust the network): the contract classes' rules, every invalid
 * field listed, and before them a walk over every string of the input that refuses control characters
 * and lone surrogates, so that no contract can forget to. The walk sees the input after
 * class-transformer, so a field that opts in to cleaning (`@CleanText()`) is already clean.
 */
export class ContractValidationPipe extends ValidationPipe {
  constructor(options: ValidationPipeOptions = {}) {
    cacheValidationMetadata();
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new ValidationFailedError(toFieldErrors(errors)),
      ...options,
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const classless = metadata.type !== 'custom' && !this.toValidate(this.withExpectedType(metadata));
    if (classless) {
      // A path parameter or a query value read on its own: no class, so no validate() below.
      const unsafe = findUnsafeText(value, metadata.data ?? '');
      if (unsafe.length > 0) throw new ValidationFailedError(unsafe);
    }
    return super.transform(value, metadata);
  }

  protected override async validate(object: object, options?: ValidatorOptions) {
    const unsafe: ValidationError[] = findUnsafeText(object).map(({ field, message }) => ({
      property: field,
      constraints: { safeText: message },
      children: [],
    }));
    if (unsafe.length === 0) return super.validate(object, options);
    // Some rules (validator.js's isEmail, isByteLength) pass the text to encodeURI, which throws on a lone
    // surrogate: the refusal of the unsafe text is then the answer, not a 500.
    try {
      return [...unsafe, ...(await super.validate(object, options))];
    } catch {
      return unsafe;
    }
  }

  private withExpectedType(metadata: ArgumentMetadata): ArgumentMetadata {
    return this.expectedType ? { ...metadata, metatype: this.expectedType } : metadata;
  }
}
