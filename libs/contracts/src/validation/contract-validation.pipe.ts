import { ArgumentMetadata, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import type { ValidationError, ValidatorOptions } from 'class-validator';
import { ValidationFailedError } from '../errors/domain-error';
import { toFieldErrors } from '../errors/validation-errors';
import { compiledContractOf } from './compiled-contract';
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
  /** Whether a valid value may be answered by the class's compiled check (see compiledContractOf). */
  private readonly compiledChecks: boolean;

  constructor({ compiled = true, ...options }: ContractValidationOptions = {}) {
    cacheValidationMetadata();
    const settings: ValidationPipeOptions = {
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new ValidationFailedError(toFieldErrors(errors)),
      ...options,
    };
    super(settings);
    this.compiledChecks = compiled && hasContractSemantics(settings);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const target = this.withExpectedType(metadata);
    if (this.compiledChecks && target.metatype && this.toValidate(target)) {
      // Only an accepted value is answered here: any refusal is the full validation's, with its reasons.
      const accepted = compiledContractOf(target.metatype as new () => object)?.(value);
      if (accepted !== undefined && findUnsafeText(accepted).length === 0) return accepted;
    }
    const classless = metadata.type !== 'custom' && !this.toValidate(target);
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

export interface ContractValidationOptions extends ValidationPipeOptions {
  /** false: every value takes the full validation (the reference the compiled checks are tested against). */
  compiled?: boolean;
}

/** The options the compiled checks assume: unknown properties refused, instances returned, no groups. */
function hasContractSemantics(options: ValidationPipeOptions): boolean {
  return (
    options.whitelist === true &&
    options.forbidNonWhitelisted === true &&
    options.transform === true &&
    !options.transformOptions &&
    !options.groups?.length &&
    !options.always &&
    !options.skipMissingProperties &&
    !options.skipNullProperties &&
    !options.skipUndefinedProperties &&
    !options.validateCustomDecorators
  );
}
