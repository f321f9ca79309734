import { ValidationPipe } from '@nestjs/common';
import { toFieldErrors, ValidationFailedError } from '@app/contracts';

/**
 * The same contract classes the gateway validates are validated again here: a service does not trust
 * the network.
 */
export function serviceValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ValidationFailedError(toFieldErrors(errors)),
  });
}
