import { ContractValidationPipe } from '@app/contracts';

/**
 * Validates every body, query and path parameter against the contract classes once, listing every
 * invalid field; strings with control characters or lone surrogates never get past it.
 */
export function gatewayValidationPipe(): ContractValidationPipe {
  return new ContractValidationPipe();
}
