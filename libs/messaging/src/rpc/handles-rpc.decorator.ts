import { MessagePattern, Payload } from '@nestjs/microservices';
import type { RpcOperation } from '@app/contracts';
import { serviceValidationPipe } from './service-validation.pipe';

type Handler<TRequest, TReply> = (request: TRequest) => Promise<TReply> | TReply;

/**
 * Binds a message handler to an operation declared in the contracts: it answers the operation's
 * subject, its one parameter is the request validated against the operation's request class (a
 * service does not trust the network), and its return type must be the operation's reply, or the
 * build fails.
 */
export function HandlesRpc<TRequest extends object, TReply>(operation: RpcOperation<TRequest, TReply>) {
  return <M extends Handler<TRequest, TReply>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    MessagePattern(operation.subject)(target, key, descriptor);
    Payload(serviceValidationPipe(operation.request))(target, key, 0);
  };
}
