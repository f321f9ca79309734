import { Type } from '@nestjs/common';
import { ContractValidationPipe } from '@app/contracts';

/**
 * The same contract classes, and the same refusal of unsafe text, that the gateway applies are applied
 * again here: a service does not trust the network. `expectedType` names the class to validate against
 * instead of the parameter's declared type (an operation's request class, see HandlesRpc).
 */
export function serviceValidationPipe(expectedType?: Type<unknown>): ContractValidationPipe {
  return new ContractValidationPipe({ expectedType, forbidUnknownValues: false });
}
