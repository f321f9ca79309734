import { ValidationPipe } from '@nestjs/common';
import { toFieldErrors, ValidationFailedError } from '@app/contracts';

/** Validates every body and query against the contract classes once, listing every invalid field. */
export function gatewayValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(toFieldErrors(errors)),
  });
}
