import { SERVICES, ServiceName } from '../health/health.contract';
import { reply, RpcOperation, rpcOperation } from '../rpc/rpc-operation';
import {
  DeadLetterPage,
  DeadLetterRedriveReply,
  ListDeadLettersRequest,
  RedriveDeadLetterRequest,
} from './dead-letter.contracts';

export interface DeadLetterOperations {
  /** Keyset-paged, newest first (admin). */
  list: RpcOperation<ListDeadLettersRequest, DeadLetterPage>;
  /** Runs the consumer's handler again on the stored event; the dead letter goes on success (admin). */
  redrive: RpcOperation<RedriveDeadLetterRequest, DeadLetterRedriveReply>;
}

/**
 * Every service that consumes events answers these (EventsModule adds the handlers); a service without
 * consumers has no handler, and the call is a 503 like any service that does not answer.
 */
export const DeadLettersRpc = Object.fromEntries(
  SERVICES.map((service) => [
    service,
    {
      list: rpcOperation(
        `${service}.deadletters.list`,
        ListDeadLettersRequest,
        reply<DeadLetterPage>('DeadLetterPage'),
      ),
      redrive: rpcOperation(
        `${service}.deadletters.redrive`,
        RedriveDeadLetterRequest,
        reply<DeadLetterRedriveReply>('DeadLetterRedriveReply'),
      ),
    },
  ]),
) as Record<ServiceName, DeadLetterOperations>;
